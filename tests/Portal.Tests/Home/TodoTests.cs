using System.Net;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Tests.Infrastructure;
using Portal.Tests.Votes;

namespace Portal.Tests.Home;

public sealed class TodoPageTests
{
    [Fact]
    public async Task A_resident_sees_a_vote_and_a_notice_to_do_and_each_clears_when_done()
    {
        await using var factory = new PortalFactory();
        var c = await factory.CreateCompoundAsync("TODO1", buildings: 1, entrances: 1, floors: 1);
        var (_, manager) = await factory.RoleHolderAsync(c, CompoundRoleKind.PropertyManager);
        var (_, resident) = await factory.ResidentAsync(c, c.Flat("1-1-101"));
        var home = "/c/TODO1";
        Assert.NotNull((await resident.GetDocumentAsync(home)).QuerySelector("#todo-none"));

        var vote = await factory.CreateVoteAsync(c, "楼道照明改造", new CivilCodeOrdinary(), Scope.WholeCompound);
        var post = await manager.SubmitFormAsync("/c/TODO1/notices/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "停水通知",
            ["Input.Body"] = "2026年12月3日8:00至12:00停水。",
            ["Input.Category"] = "Outage",
            ["Input.Reach"] = "Compound",
            ["Input.RequiresAcknowledgement"] = "true",
        }, "#notice-form");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var notice = post.Headers.Location!.OriginalString;

        var page = await resident.GetDocumentAsync(home);
        Assert.Null(page.QuerySelector("#todo-none"));
        var todos = page.QuerySelectorAll("#todo-list .todo").ToList();
        Assert.Equal(2, todos.Count);
        var voteTodo = Assert.Single(todos, t => t.GetAttribute("data-kind") == "vote");
        Assert.Contains("楼道照明改造", voteTodo.TextContent);
        Assert.Contains("截止时间：", voteTodo.TextContent);
        Assert.Matches(@"\d{4}年\d{1,2}月\d{1,2}日", voteTodo.QuerySelector(".todo-due")!.TextContent);
        Assert.Equal($"/c/TODO1/votes/{vote.Id}", voteTodo.QuerySelector("a.todo-action")!.GetAttribute("href"));
        var noticeTodo = Assert.Single(todos, t => t.GetAttribute("data-kind") == "notice");
        Assert.Contains("停水通知", noticeTodo.TextContent);
        Assert.Equal(notice, noticeTodo.QuerySelector("a.todo-action")!.GetAttribute("href"));
        // The to-dos come before the section links.
        Assert.True(page.QuerySelector("#todos")!.CompareDocumentPosition(page.QuerySelector("#compound-menu")!)
            .HasFlag(AngleSharp.Dom.DocumentPositions.Following));

        var matter = (await factory.TallyAsync(vote.Id)).Single().MatterId;
        var cast = await resident.SubmitFormAsync($"/c/TODO1/votes/{vote.Id}", new Dictionary<string, string> { [$"Choice[{matter}]"] = "agree" }, ".ballot-form");
        Assert.Equal(HttpStatusCode.Redirect, cast.StatusCode);
        var afterVote = (await resident.GetDocumentAsync(home)).QuerySelectorAll("#todo-list .todo").ToList();
        Assert.Equal("notice", Assert.Single(afterVote).GetAttribute("data-kind"));

        var confirm = await resident.SubmitFormAsync(notice, new Dictionary<string, string>(), "#acknowledge form");
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var done = await resident.GetDocumentAsync(home);
        Assert.Empty(done.QuerySelectorAll("#todo-list .todo"));
        Assert.Equal("您目前没有待办事项。", done.QuerySelector("#todo-none")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_committee_sees_link_requests_to_decide_and_a_resident_does_not()
    {
        await using var factory = new PortalFactory();
        var c = await factory.CreateCompoundAsync("TODO2", buildings: 1, entrances: 1, floors: 1);
        var (_, committee) = await factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        var (_, resident) = await factory.ResidentAsync(c, c.Flat("1-1-101"));
        var asker = await factory.CreateUserAsync($"asker-{Guid.NewGuid():N}@example.com");
        await factory.WithDb(async db =>
        {
            db.Add(new LinkRequest(asker.Id, c.Id, c.Flat("1-1-102").Id, ResidentRelation.Tenant, null, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });

        var todo = Assert.Single((await committee.GetDocumentAsync("/c/TODO2")).QuerySelectorAll("#todo-list .todo"));
        Assert.Equal("link-requests", todo.GetAttribute("data-kind"));
        Assert.Contains("1位居民", todo.TextContent);
        Assert.Equal("/c/TODO2/register/requests", todo.QuerySelector("a.todo-action")!.GetAttribute("href"));
        Assert.NotNull((await resident.GetDocumentAsync("/c/TODO2")).QuerySelector("#todo-none"));
    }
}
