using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Notices;
using Portal.Features.Notices;
using Portal.Files;
using Portal.Tests.Authorization;

namespace Portal.Tests.Security;

/// <summary>
/// A stored file is served to exactly those who may read the object it belongs to: every notice reach (whole compound,
/// building 1, building 2, not yet published) × every role of the authorization fixture; the notice's own page is the oracle.
/// </summary>
public sealed class FileAccessMatrixTests(AuthorizationFixture fixture) : IClassFixture<AuthorizationFixture>
{
    private static IFormFile Pdf(string name)
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        return new FormFile(new MemoryStream(bytes), 0, bytes.Length, "files", name) { Headers = new HeaderDictionary(), ContentType = "application/pdf" };
    }

    private Task<(long NoticeId, Guid FileId)> NoticeWithAttachmentAsync(string title, NoticeReach reach, IReadOnlyList<long> targets, DateTimeOffset? publishAt = null) =>
        fixture.Factory.Scoped(async sp =>
        {
            var notice = await sp.GetRequiredService<PublishNotice>().PublishAsync(fixture.A.Id,
                new NoticeDraft(title, "正文", NoticeCategory.General, reach, targets, false, false, publishAt, null),
                [Pdf(title + ".pdf")], "committee");
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            var fileId = await db.Set<NoticeAttachment>().Where(a => a.NoticeId == notice.Id).Select(a => a.StoredFileId).SingleAsync();
            return (notice.Id, fileId);
        });

    [Fact]
    public async Task A_notice_attachment_is_served_exactly_to_those_who_may_read_the_notice()
    {
        var notices = new List<(string Name, long NoticeId, Guid FileId)>();
        foreach (var (name, reach, targets, at) in new (string, NoticeReach, long[], DateTimeOffset?)[]
                 {
                     ("compound", NoticeReach.Compound, [], null),
                     ("building 1", NoticeReach.Buildings, [fixture.A.Building("1").Id], null),
                     ("building 2", NoticeReach.Buildings, [fixture.A.Building("2").Id], null),
                     ("scheduled", NoticeReach.Compound, [], DateTimeOffset.UtcNow.AddDays(3)),
                 })
        {
            var (noticeId, fileId) = await NoticeWithAttachmentAsync($"附件测试{name}", reach, targets, at);
            notices.Add((name, noticeId, fileId));
        }

        var failures = new List<string>();
        var served = 0;
        foreach (var (name, noticeId, fileId) in notices)
        foreach (var actor in fixture.Actors)
        {
            using var page = await actor.Client.GetAsync($"/c/{fixture.A.Code}/notices/{noticeId}", TestContext.Current.CancellationToken);
            using var file = await actor.Client.GetAsync($"/files/{fileId:N}", TestContext.Current.CancellationToken);
            var mayRead = page.StatusCode == HttpStatusCode.OK;
            var got = file.StatusCode == HttpStatusCode.OK && file.Content.Headers.ContentType?.MediaType == "application/pdf";
            if (got) served++;
            if (mayRead != got) failures.Add($"{actor.Name} × notice to {name}: page {(int)page.StatusCode}, file {(int)file.StatusCode}");
        }
        // The finding: a building-1 resident must not get the building-2 attachment.
        var resident = fixture.Actors.Single(a => a.Name == "resident of A");
        var building2 = notices.Single(n => n.Name == "building 2");
        Assert.Equal(HttpStatusCode.NotFound, (await resident.Client.GetAsync($"/files/{building2.FileId:N}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.True(served >= 8, $"only {served} files served: the matrix would pass by refusing everything");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
