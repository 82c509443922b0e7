using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Funding;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Accounts;
using Portal.Features.Votes;
using Portal.Tests.Funding;
using Portal.Tests.Infrastructure;
using Portal.Tests.Votes;

namespace Portal.Tests.Accounts;

/// <summary>PIPL (issue 12): consent at sign-up, 我的信息 with its JSON download, and closing the account.</summary>
public sealed class PersonalDataTests(VotesFixture fixture) : IClassFixture<VotesFixture>
{
    private VotesFactory Factory => fixture.Factory;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Email_registration_without_consent_is_refused_in_chinese_and_keeps_what_was_typed()
    {
        var email = $"noconsent-{Guid.NewGuid():N}@example.com";
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "李明", ["Input.Password"] = "Spring-2026", ["Input.ConfirmPassword"] = "Spring-2026",
        };
        var refused = await Factory.NewClient().SubmitFormAsync("/account/register", fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.BodyAsync();
        Assert.Contains("请先阅读并勾选同意《个人信息保护说明》，再注册。", html);
        Assert.Contains("value=\"李明\"", html);
        Assert.Contains($"value=\"{email}\"", html);
        Assert.Contains("href=\"/account/privacy\"", html);
        Assert.Null(await Factory.WithDb(db => db.Users.FirstOrDefaultAsync(u => u.Email == email, Ct)));

        fields["Input.PrivacyConsent"] = "true";
        var registered = await Factory.NewClient().SubmitFormAsync("/account/register", fields);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var user = await Factory.WithDb(db => db.Users.SingleAsync(u => u.Email == email, Ct));
        Assert.NotNull(user.PrivacyConsentAt);
    }

    [Fact]
    public async Task The_privacy_notice_says_what_is_kept_why_who_sees_it_how_long_and_how_to_close_in_both_languages()
    {
        var zh = await (await Factory.NewClient().GetAsync("/account/privacy", Ct)).BodyAsync();
        foreach (var part in new[] { "手机号", "姓名", "房号", "核实业主身份", "谁能看到", "保存多久", "注销账号", "/account/my-data" })
            Assert.Contains(part, zh);
        var en = await (await Factory.NewClient().GetAsync("/account/privacy?culture=en", Ct)).BodyAsync();
        foreach (var part in new[] { "phone number", "Who sees it", "How long", "close the account" })
            Assert.Contains(part, en);
    }

    [Fact]
    public async Task My_data_shows_the_account_flats_ballots_pledges_proposals_and_comments_and_downloads_the_same_as_json()
    {
        var s = await Setup("MYD");
        var page = await (await s.Client.GetAsync("/account/my-data", Ct)).BodyAsync();
        Assert.Contains("我的信息", page);
        Assert.Contains(s.Email, page);
        Assert.Contains("1-1-101", page);
        Assert.DoesNotContain("业主1-1-101", page);   // the register's owner name is another person's data for a tenant
        Assert.Contains("楼道照明改造", page);      // the vote voted in
        Assert.Contains("加装电梯", page);          // the pledge's plan item
        Assert.Contains("增设充电桩", page);        // the proposal
        Assert.Contains("我同意这个提议", page);    // the comment
        Assert.DoesNotContain("同意（", page);      // the ballot's choice is not shown

        var download = await s.Client.GetAsync("/account/my-data?handler=download", Ct);
        Assert.Equal("application/json", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("my-data.json", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        using var json = JsonDocument.Parse(await download.BodyAsync());
        var root = json.RootElement;
        Assert.Equal(s.Email, root.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("1-1-101", root.GetProperty("flats")[0].GetProperty("flat").GetString());
        Assert.Equal("Owner", root.GetProperty("flats")[0].GetProperty("relation").GetString());
        Assert.Equal("楼道照明改造", root.GetProperty("ballots")[0].GetProperty("vote").GetString());
        Assert.Equal("加装电梯", root.GetProperty("pledges")[0].GetProperty("campaign").GetString());
        Assert.Equal("增设充电桩", root.GetProperty("proposals")[0].GetProperty("title").GetString());
        Assert.Equal("我同意这个提议", root.GetProperty("comments")[0].GetProperty("body").GetString());

        Assert.Equal(HttpStatusCode.Redirect, (await Factory.NewClient().GetAsync("/account/my-data", Ct)).StatusCode);
    }

    [Fact]
    public async Task Closing_asks_for_confirmation_then_empties_the_account_and_keeps_the_ballot_in_the_count_and_the_audit()
    {
        var s = await Setup("CLS");
        var page = await s.Client.GetDocumentAsync("/account/my-data");
        var unconfirmed = await s.Client.SubmitFormAsync(page, new Dictionary<string, string>(), "#close-account");
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("请先勾选确认，再注销账号。", await unconfirmed.BodyAsync());
        Assert.False((await Factory.WithDb(db => db.Users.SingleAsync(u => u.Id == s.UserId, Ct))).IsClosed);

        page = await s.Client.GetDocumentAsync("/account/my-data");
        var closed = await s.Client.SubmitFormAsync(page, new Dictionary<string, string> { ["ConfirmClose"] = "true" }, "#close-account");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        var user = await Factory.WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == s.UserId, Ct));
        Assert.True(user.IsClosed);
        Assert.Null(user.Email);
        Assert.Null(user.PhoneNumber);
        Assert.Null(user.PasswordHash);
        Assert.Equal("已注销用户", user.DisplayName);
        Assert.False(await Factory.WithDb(db => db.Set<ResidentLink>().AnyAsync(l => l.UserId == s.UserId && l.UnlinkedAt == null, Ct)));
        Assert.False(await Factory.WithDb(db => db.Set<CompoundRole>().AnyAsync(r => r.UserId == s.UserId, Ct)));

        // The ballot stays, under the owner of record, and the audit chain still verifies.
        Assert.Equal(1, (await Factory.TallyAsync(s.VoteId)).Single().Participated.Owners);
        Assert.True(await Factory.WithDb(db => db.Set<BallotVersion>().AnyAsync(b => b.VoteId == s.VoteId && b.CastBy == s.UserId, Ct)));
        var audit = await Factory.VerifyAsync(s.VoteId);
        Assert.True(audit.ChainIntact && audit.TallyMatches, string.Join("; ", audit.Problems));
        // The proposal and comment stay.
        Assert.True(await Factory.WithDb(db => db.Set<ProposalComment>().AnyAsync(c => c.AuthorId == s.UserId, Ct)));

        // Nobody signs in to it again, and the old session is gone.
        var login = await Factory.NewClient().SubmitFormAsync("/account/login",
            new Dictionary<string, string> { ["Input.Email"] = s.Email, ["Input.Password"] = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await s.Client.GetAsync("/account/my-data", Ct)).StatusCode);

        // Closing twice changes nothing.
        await Factory.Scoped(sp => sp.GetRequiredService<CloseAccount>().RunAsync(s.UserId, Ct));

        // The committee's history shows the closed account in the reader's language.
        var (_, committee) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var zh = (await committee.GetDocumentAsync($"/c/{s.Compound.Code}/register/residents")).Body!.TextContent;
        Assert.Contains("已注销用户", zh);
        var en = (await committee.GetDocumentAsync($"/c/{s.Compound.Code}/register/residents?culture=en")).Body!.TextContent;
        Assert.Contains("Closed account", en);
        Assert.DoesNotContain("已注销用户", en);
    }

    [Fact]
    public async Task Closing_is_refused_with_a_clear_message_while_a_card_payment_is_pending()
    {
        var s = await Setup("CRD", cardSaved: true);
        var page = await s.Client.GetDocumentAsync("/account/my-data");
        var refused = await s.Client.SubmitFormAsync(page, new Dictionary<string, string> { ["ConfirmClose"] = "true" }, "#close-account");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("您还有一笔银行卡扣款正在处理中", await refused.BodyAsync());
        var user = await Factory.WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == s.UserId, Ct));
        Assert.False(user.IsClosed);
        Assert.Equal(s.Email, user.Email);
        Assert.True(await Factory.WithDb(db => db.Set<ResidentLink>().AnyAsync(l => l.UserId == s.UserId && l.UnlinkedAt == null, Ct)));
    }

    private sealed record Scenario(string UserId, string Email, HttpClient Client, long VoteId, TestCompound Compound);

    /// <summary>An owner of 1-1-101 who voted, pledged, proposed and commented, and is a building lead.</summary>
    private async Task<Scenario> Setup(string prefix, bool cardSaved = false)
    {
        var funding = await FundingScenario.CreateAsync(Factory, VotesTestKit.NewCode(prefix));
        var c = funding.Compound;
        var flat = c.Flat("1-1-101");
        var email = $"mydata-{Guid.NewGuid():N}@example.com";
        var (userId, client) = await Factory.ResidentAsync(c, flat, email: email);
        await Factory.GrantAsync(userId, c, CompoundRoleKind.BuildingLead, c.Building("1").Id);
        var vote = await Factory.CreateVoteAsync(c, "楼道照明改造", new CivilCodeOrdinary(), Scope.WholeCompound);
        var matter = (await Factory.TallyAsync(vote.Id)).Single().MatterId;
        await Factory.Scoped(sp => sp.GetRequiredService<CastBallot>()
            .RunAsync(vote.Id, c.Id, userId, flat.OwnerOfRecordId, [new MatterChoice(matter, Choice.Agree)], Ct));
        await Factory.WithDb(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var campaign = await db.Set<Campaign>().SingleAsync(x => x.Id == funding.CampaignId, Ct);
            var pledge = new Pledge(campaign, flat.OwnerOfRecordId, userId, 100_000, 0, cardSaved ? PledgeMethod.Card : PledgeMethod.Offline, now);
            if (cardSaved)
            {
                pledge.StartCardSetup("同意筹满后扣款", "cs_test", "cus_test", now);
                pledge.SaveCard("cus_test", "pm_test");
            }
            db.Add(pledge);
            var proposal = new Proposal(c.Id, userId, "增设充电桩", "在车棚增设充电桩。", ProposalCategory.EvChargers, Scope.WholeCompound, null, null, now);
            db.Add(proposal);
            await db.SaveChangesAsync(Ct);
            db.Add(new ProposalComment(proposal.Id, null, userId, "我同意这个提议", now));
            await db.SaveChangesAsync(Ct);
        });
        return new Scenario(userId, email, client, vote.Id, c);
    }
}
