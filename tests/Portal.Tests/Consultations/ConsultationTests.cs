using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Consultations;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Consultations;

/// <summary>
/// 征询: a household-level advisory poll. A convener opens it for a scope; each flat answers once (a second answer
/// changes it, the version kept); answers from outside the scope, after closing or from tenants where they may not
/// answer are refused with a message; results per building and entrance; reminders; door-step answers by building leads.
/// </summary>
public sealed class ConsultationTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;
    private static string Code() => "Q" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private static Consultation Willingness(Scope scope, DateTimeOffset opens, DateTimeOffset closes, bool tenants = false, long compoundId = 1,
        DateTimeOffset? at = null) =>
        new(compoundId, ConsultationKind.Willingness, "是否同意建设电动自行车充电棚", "请每户告诉我们是否同意。", scope, opens, closes, tenants,
            ["北侧空地", "东侧空地"], null, "convener", at ?? opens);

    /// <summary>A consultation made directly in the database (to set dates in the past).</summary>
    private Task<Consultation> StoredAsync(TestCompound compound, Scope scope, DateTimeOffset opens, DateTimeOffset closes, bool tenants = false) =>
        Factory.WithDb(async db =>
        {
            var c = Willingness(scope, opens, closes, tenants, compound.Id, opens);
            db.Add(c);
            await db.SaveChangesAsync();
            return c;
        });

    private Task<Consultation> OpenFor(TestCompound compound, Scope scope, bool tenants = false) =>
        StoredAsync(compound, scope, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(14), tenants);

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient client, string url, string choice, string? reason = null, string? option = null)
    {
        var fields = new Dictionary<string, string> { ["Choice"] = choice };
        if (reason is not null) fields["Reason"] = reason;
        if (option is not null) fields["PreferredOption"] = option;
        return client.GetDocumentAsync(url).ContinueWith(page => client.SubmitFormAsync(page.Result, fields, "#answer-form")).Unwrap();
    }

    /// <summary>A hand-made post of the answer form by <paramref name="client"/>, with its own antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostAnswerAsync(HttpClient client, string compoundCode, string url, IDictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync($"/c/{compoundCode}/proposals/new");
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(url + "?handler=Answer", new FormUrlEncodedContent(values));
    }

    [Fact]
    public void A_consultation_refuses_bad_dates_a_plan_consultation_without_a_plan_and_too_many_options()
    {
        var scope = Scope.OfBuilding(2);
        Assert.Equal("consultation.closes_before_opening",
            Assert.Throws<Portal.Domain.Shared.DomainException>(() => Willingness(scope, T0, T0)).Code);
        Assert.Equal("consultation.closes_in_past",
            Assert.Throws<Portal.Domain.Shared.DomainException>(() => Willingness(scope, T0.AddDays(-10), T0.AddDays(-1), at: T0)).Code);
        Assert.Equal("consultation.plan_required", Assert.Throws<Portal.Domain.Shared.DomainException>(() =>
            new Consultation(1, ConsultationKind.Plan, "方案征询", "方案", scope, T0, T0.AddDays(7), false, [], null, "c", T0)).Code);
        Assert.Equal("consultation.too_many_options", Assert.Throws<Portal.Domain.Shared.DomainException>(() =>
            new Consultation(1, ConsultationKind.Willingness, "征询", "问题", scope, T0, T0.AddDays(7), false,
                Enumerable.Range(1, 9).Select(i => $"方案{i}").ToList(), null, "c", T0)).Code);
        Assert.Equal("consultation.title_required", Assert.Throws<Portal.Domain.Shared.DomainException>(() =>
            new Consultation(1, ConsultationKind.Willingness, " ", "问题", scope, T0, T0.AddDays(7), false, [], null, "c", T0)).Code);

        var c = Willingness(scope, T0, T0.AddDays(7));
        Assert.True(c.MayAnswerAs(ResidentRelation.Owner));
        Assert.True(c.MayAnswerAs(ResidentRelation.CoOwner));
        Assert.False(c.MayAnswerAs(ResidentRelation.Tenant));
        Assert.False(c.MayAnswerAs(ResidentRelation.Family));
        Assert.True(Willingness(scope, T0, T0.AddDays(7), tenants: true).MayAnswerAs(ResidentRelation.Tenant));
        Assert.Equal("consultation.flat_outside_scope",
            Assert.Throws<Portal.Domain.Shared.DomainException>(() => c.EnsureAcceptsAnswer(1, 1, T0.AddDays(1))).Code);
        Assert.Equal("consultation.closed",
            Assert.Throws<Portal.Domain.Shared.DomainException>(() => c.EnsureAcceptsAnswer(2, 3, T0.AddDays(7))).Code);
        Assert.Equal("consultation.not_open_yet",
            Assert.Throws<Portal.Domain.Shared.DomainException>(() => c.EnsureAcceptsAnswer(2, 3, T0.AddTicks(-1))).Code);
        c.EnsureAcceptsAnswer(2, 3, T0.AddDays(7).AddTicks(-1));
    }

    [Fact]
    public async Task The_residents_committee_opens_a_consultation_for_a_building_and_its_residents_are_told()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (_, convener) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.ResidentsCommittee);
        var url = $"/c/{compound.Code}/consultations/new";
        var form = await convener.GetDocumentAsync(url);

        // Bad input: closing before opening is refused with a message, and what was typed stays in the form.
        var bad = await convener.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Input.Title"] = "2号楼电动自行车充电棚意愿征询", ["Input.Question"] = "是否同意在2号楼北侧建充电棚？",
            ["Input.Scope"] = $"b:{compound.Building("2").Id}", ["Input.OpensAt"] = "2030-05-10T09:00", ["Input.ClosesAt"] = "2030-05-01T18:00",
        }, "#consultation-form");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var again = await FormClient.ParseAsync(bad);
        Assert.Contains("截止时间必须晚于开始时间", again.Body!.TextContent);
        Assert.Equal("2号楼电动自行车充电棚意愿征询", again.QuerySelector<IHtmlInputElement>("#consultation-title")!.Value);
        Assert.False(await Factory.WithDb(db => db.Set<Consultation>().AnyAsync(c => c.CompoundId == compound.Id)));

        var plan = await convener.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Input.Kind"] = nameof(ConsultationKind.Plan), ["Input.Title"] = "方案征询", ["Input.Question"] = "方案如下",
        }, "#consultation-form");
        Assert.Contains("方案征询须选择所针对的改造项目", (await FormClient.ParseAsync(plan)).Body!.TextContent);

        var good = await convener.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Input.Title"] = "2号楼电动自行车充电棚意愿征询", ["Input.Question"] = "是否同意在2号楼北侧建充电棚？",
            ["Input.Scope"] = $"b:{compound.Building("2").Id}", ["Input.Options"] = "北侧空地\n东侧空地",
        }, "#consultation-form");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = await Factory.WithDb(db => db.Set<Consultation>().SingleAsync(c => c.CompoundId == compound.Id));
        Assert.Equal((ConsultationKind.Willingness, ScopeKind.Building, compound.Building("2").Id, false), (saved.Kind, saved.ScopeKind, saved.BuildingId ?? 0, saved.TenantsMayAnswer));
        Assert.Equal(new[] { "北侧空地", "东侧空地" }, saved.Options);
        var told = await Factory.WithDb(db => db.Set<NotificationEvent>().SingleAsync(e => e.CompoundId == compound.Id && e.Kind == NotificationKind.ConsultationOpened));
        Assert.Equal((AudienceKind.Residents, ScopeKind.Building, compound.Building("2").Id), (told.Audience.Kind, told.Audience.ScopeKind, told.Audience.BuildingId ?? 0));

        // The party organisation may convene a consultation too; a resident may not.
        var (_, party) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.PartyOrganisation);
        Assert.Equal(HttpStatusCode.OK, (await party.GetAsync(url)).StatusCode);
        var (_, resident) = await Factory.ResidentAsync(compound, compound.Flat("2-1-101"));
        Assert.NotEqual(HttpStatusCode.OK, (await resident.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task One_answer_per_flat_a_second_changes_it_and_every_version_is_kept()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var consultation = await OpenFor(compound, Scope.OfBuilding(compound.Building("2").Id));
        var url = $"/c/{compound.Code}/consultations/{consultation.Id}";
        var flat = compound.Flat("2-1-301");
        var (ownerId, owner) = await Factory.ResidentAsync(compound, flat);
        var (coOwnerId, coOwner) = await Factory.ResidentAsync(compound, flat, ResidentRelation.CoOwner);

        var first = await AnswerAsync(owner, url, nameof(ConsultationChoice.Agree), "楼道充电太危险", "北侧空地");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("意见已收到", (await owner.GetDocumentAsync(first.Headers.Location!.ToString())).Body!.TextContent);

        var second = await AnswerAsync(coOwner, url, nameof(ConsultationChoice.Disagree), "占用绿地");
        Assert.Contains("之前的意见已留存记录", (await coOwner.GetDocumentAsync(second.Headers.Location!.ToString())).Body!.TextContent);

        var answer = await Factory.WithDb(db => db.Set<ConsultationAnswer>().SingleAsync(a => a.ConsultationId == consultation.Id));
        // The form came pre-filled with the household's answer, so the option chosen first stays unless changed.
        Assert.Equal((flat.Id, ConsultationChoice.Disagree, 2, coOwnerId, "占用绿地", "北侧空地"),
            (answer.FlatId, answer.Choice, answer.Revision, answer.AnsweredBy, answer.Reason, answer.PreferredOption));
        var versions = await Factory.WithDb(db => db.Set<ConsultationAnswerVersion>().Where(v => v.ConsultationId == consultation.Id).OrderBy(v => v.Revision).ToListAsync());
        Assert.Equal([(1, ConsultationChoice.Agree, ownerId, "北侧空地"), (2, ConsultationChoice.Disagree, coOwnerId, "北侧空地")],
            versions.Select(v => (v.Revision, v.Choice, v.AnsweredBy!, v.PreferredOption)));

        // The page shows the household's current answer; the count is one household.
        var page = await owner.GetDocumentAsync(url);
        Assert.Contains("不同意", page.QuerySelector(".my-answer")!.TextContent);
        Assert.Contains("第2次提交", page.QuerySelector(".my-answer")!.TextContent);
        var entrance = page.QuerySelector($"tr.result-entrance[data-entrance='{flat.EntranceId}']")!;
        Assert.Equal("1", entrance.QuerySelector("[data-field=answered]")!.TextContent);
        Assert.Equal("1", entrance.QuerySelector("[data-field=disagree]")!.TextContent);
        Assert.Equal("0", entrance.QuerySelector("[data-field=agree]")!.TextContent);
        Assert.Equal("12", page.QuerySelector("#results-total td")!.TextContent);
        Assert.Null(page.QuerySelector($"tr.result-building[data-building='{compound.Building("1").Id}']"));
    }

    [Fact]
    public async Task Answers_without_a_choice_from_outside_the_scope_after_closing_or_from_tenants_not_asked_are_refused_with_a_message()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var consultation = await OpenFor(compound, Scope.OfEntrance(compound.Building("2").Id, compound.Entrance("2", "1").Id));
        var url = $"/c/{compound.Code}/consultations/{consultation.Id}";
        var (_, owner) = await Factory.ResidentAsync(compound, compound.Flat("2-1-101"));

        // No choice: refused, the reason typed stays.
        var none = await owner.SubmitFormAsync(await owner.GetDocumentAsync(url), new Dictionary<string, string> { ["Reason"] = "再想想" }, "#answer-form");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        var shown = await FormClient.ParseAsync(none);
        Assert.Contains("请选择同意、不同意或无所谓", shown.QuerySelector("#answer-errors")!.TextContent);
        Assert.Equal("再想想", shown.QuerySelector("#answer-reason")!.TextContent);

        // An owner in another entrance sees no form, and a hand-made post for their flat is refused.
        var (_, outsider) = await Factory.ResidentAsync(compound, compound.Flat("2-2-101"));
        var outsiderPage = await outsider.GetDocumentAsync(url);
        Assert.Null(outsiderPage.QuerySelector("#answer-form"));
        var form = await owner.GetDocumentAsync(url);
        var outside = await PostAnswerAsync(outsider, compound.Code, url, new Dictionary<string, string>
        {
            ["Choice"] = nameof(ConsultationChoice.Agree), ["FlatId"] = compound.Flat("2-2-101").Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, outside.StatusCode);
        Assert.Contains("不在本次征询的范围内", (await FormClient.ParseAsync(outside)).QuerySelector("#answer-errors")!.TextContent);

        // Someone else's flat.
        var notMine = await PostAnswerAsync(outsider, compound.Code, url, new Dictionary<string, string>
        {
            ["Choice"] = nameof(ConsultationChoice.Agree), ["FlatId"] = compound.Flat("2-1-101").Id.ToString(),
        });
        Assert.Contains("只能代表自己登记的房屋回复", (await FormClient.ParseAsync(notMine)).QuerySelector("#answer-errors")!.TextContent);

        // A tenant where only owners are asked.
        var (_, tenant) = await Factory.ResidentAsync(compound, compound.Flat("2-1-201"), ResidentRelation.Tenant);
        Assert.Contains("租户不能代表本户回复", (await tenant.GetDocumentAsync(url)).QuerySelector("#answer-not-eligible")!.TextContent);
        var tenantPost = await PostAnswerAsync(tenant, compound.Code, url, new Dictionary<string, string>
        {
            ["Choice"] = nameof(ConsultationChoice.Agree), ["FlatId"] = compound.Flat("2-1-201").Id.ToString(),
        });
        Assert.Contains("租户不能代表本户回复", (await FormClient.ParseAsync(tenantPost)).QuerySelector("#answer-errors")!.TextContent);

        // An option not offered.
        var option = await owner.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Choice"] = nameof(ConsultationChoice.Agree), ["PreferredOption"] = "楼顶",
        }, "#answer-form");
        Assert.Contains("请从列出的方案中选择", (await FormClient.ParseAsync(option)).QuerySelector("#answer-errors")!.TextContent);
        Assert.False(await Factory.WithDb(db => db.Set<ConsultationAnswer>().AnyAsync(a => a.ConsultationId == consultation.Id)));

        // After closing: a form kept open is refused, the page says why and shows no form.
        var closed = await StoredAsync(compound, consultation.Scope, DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddSeconds(-1));
        var closedUrl = $"/c/{compound.Code}/consultations/{closed.Id}";
        var stale = form.QuerySelector<IHtmlFormElement>("#answer-form")!;
        stale.SetAttribute("action", stale.GetAttribute("action")!.Replace($"/consultations/{consultation.Id}", $"/consultations/{closed.Id}"));
        var late = await owner.SubmitFormAsync(form, new Dictionary<string, string> { ["Choice"] = nameof(ConsultationChoice.Agree) }, "#answer-form");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var latePage = await FormClient.ParseAsync(late);
        Assert.Contains("征询已截止", latePage.QuerySelector("#answer-errors")!.TextContent);
        Assert.Null((await owner.GetDocumentAsync(closedUrl)).QuerySelector("#answer-form"));
        Assert.False(await Factory.WithDb(db => db.Set<ConsultationAnswer>().AnyAsync(a => a.ConsultationId == closed.Id)));
    }

    [Fact]
    public async Task Tenants_answer_for_their_flat_when_the_convener_allows_it()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var consultation = await OpenFor(compound, Scope.WholeCompound, tenants: true);
        var url = $"/c/{compound.Code}/consultations/{consultation.Id}";
        var (tenantId, tenant) = await Factory.ResidentAsync(compound, compound.Flat("1-2-201"), ResidentRelation.Tenant);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(tenant, url, nameof(ConsultationChoice.NoPreference))).StatusCode);
        var answer = await Factory.WithDb(db => db.Set<ConsultationAnswer>().SingleAsync(a => a.ConsultationId == consultation.Id));
        Assert.Equal((ConsultationChoice.NoPreference, tenantId, false), (answer.Choice, answer.AnsweredBy, answer.Assisted));
    }

    [Fact]
    public async Task A_building_lead_sees_the_entrances_non_answering_flats_and_records_a_door_step_answer_logged_as_assisted()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var consultation = await OpenFor(compound, Scope.OfBuilding(compound.Building("2").Id));
        var entrance = compound.Entrance("2", "1");
        var (_, owner) = await Factory.ResidentAsync(compound, compound.Flat("2-1-101"));
        await AnswerAsync(owner, $"/c/{compound.Code}/consultations/{consultation.Id}", nameof(ConsultationChoice.Agree));
        var (leadId, lead) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.BuildingLead, compound.Building("2").Id, entrance.Id);
        var url = $"/c/{compound.Code}/consultations/{consultation.Id}/doorstep";

        var page = await lead.GetDocumentAsync(url);
        var listed = page.QuerySelectorAll("li.doorstep-flat").Select(li => long.Parse(li.GetAttribute("data-flat")!)).ToList();
        var expected = compound.Flats.Where(f => f.EntranceId == entrance.Id && f.Id != compound.Flat("2-1-101").Id).Select(f => f.Id).Order().ToList();
        Assert.Equal(expected, listed.Order().ToList());

        var target = compound.Flat("2-1-302");
        var recorded = await lead.SubmitFormAsync(page, new Dictionary<string, string>
        {
            ["Choice"] = nameof(ConsultationChoice.Agree), ["Reason"] = "老人腿脚不便，支持", ["PreferredOption"] = "东侧空地",
        }, $"#door-{target.Id}");
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var answer = await Factory.WithDb(db => db.Set<ConsultationAnswer>().SingleAsync(a => a.ConsultationId == consultation.Id && a.FlatId == target.Id));
        Assert.Equal((true, leadId, (string?)null, "东侧空地"), (answer.Assisted, answer.AssistedBy, answer.AnsweredBy, answer.PreferredOption));
        var after = await lead.GetDocumentAsync(url);
        Assert.Null(after.QuerySelector($"li.doorstep-flat[data-flat='{target.Id}']"));
        Assert.NotNull(after.QuerySelector("#doorstep-recorded"));

        // A flat in the other entrance is not the lead's: a hand-made post is refused with a message.
        var other = compound.Flat("2-2-101");
        var refused = await lead.SubmitFormAsync(after, new Dictionary<string, string>
        {
            ["Choice"] = nameof(ConsultationChoice.Agree), ["FlatId"] = other.Id.ToString(),
        }, "form[id^='door-']");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("只能为自己负责的楼栋、单元登记意见", (await FormClient.ParseAsync(refused)).QuerySelector("#doorstep-errors")!.TextContent);
        Assert.False(await Factory.WithDb(db => db.Set<ConsultationAnswer>().AnyAsync(a => a.ConsultationId == consultation.Id && a.FlatId == other.Id)));

        // A flat outside the consultation's scope.
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var committeePage = await committee.GetDocumentAsync(url);
        var outside = await committee.SubmitFormAsync(committeePage, new Dictionary<string, string>
        {
            ["Choice"] = nameof(ConsultationChoice.Agree), ["FlatId"] = compound.Flat("1-1-101").Id.ToString(),
        }, "form[id^='door-']");
        Assert.Contains("不在本次征询的范围内", (await FormClient.ParseAsync(outside)).QuerySelector("#doorstep-errors")!.TextContent);
    }

    [Fact]
    public async Task The_convener_reminds_only_households_that_have_not_answered_and_not_twice_within_twelve_hours()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var consultation = await OpenFor(compound, Scope.OfEntrance(compound.Building("1").Id, compound.Entrance("1", "1").Id));
        var url = $"/c/{compound.Code}/consultations/{consultation.Id}";
        var (answeredId, answered) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var (waitingId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-201"));
        var (tenantId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-202"), ResidentRelation.Tenant);
        var (elsewhereId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-2-101"));
        await AnswerAsync(answered, url, nameof(ConsultationChoice.Agree));

        var (_, convener) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var pressed = await convener.SubmitFormAsync(await convener.GetDocumentAsync(url), new Dictionary<string, string>(), "form[action*='handler=Remind']");
        Assert.Equal(HttpStatusCode.Redirect, pressed.StatusCode);
        var reminder = await Factory.WithDb(db => db.Set<NotificationEvent>().SingleAsync(e => e.CompoundId == compound.Id && e.Kind == NotificationKind.ConsultationReminder));
        Assert.Contains(waitingId, reminder.Audience.UserIds!);
        Assert.DoesNotContain(answeredId, reminder.Audience.UserIds!);
        Assert.DoesNotContain(tenantId, reminder.Audience.UserIds!);
        Assert.DoesNotContain(elsewhereId, reminder.Audience.UserIds!);

        var again = await convener.SubmitFormAsync(await convener.GetDocumentAsync(url), new Dictionary<string, string>(), "form[action*='handler=Remind']");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("12小时内已提醒过", (await FormClient.ParseAsync(again)).Body!.TextContent);
        Assert.Equal(1, await Factory.WithDb(db => db.Set<NotificationEvent>().CountAsync(e => e.CompoundId == compound.Id && e.Kind == NotificationKind.ConsultationReminder)));
    }
}
