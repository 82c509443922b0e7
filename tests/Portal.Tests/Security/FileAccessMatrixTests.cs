using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Funding;
using Portal.Domain.Notices;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Notices;
using Portal.Files;
using Portal.Tests.Authorization;
using Portal.Tests.Files;

namespace Portal.Tests.Security;

/// <summary>
/// A stored file is served to exactly those who may read the object it belongs to: every notice reach (whole compound,
/// building 1, building 2, not yet published) × every role of the authorization fixture; the notice's own page is the oracle.
/// The same for every other kind of owner object: proposal photos (draft and published; the proposal page is the oracle),
/// payment receipts (the payer and the ledger keepers), invoices (the ledger page), and a file of an unknown kind (nobody
/// but the platform admin: the rule fails closed).
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

    private static byte[] Jpeg() => UploadCheckTests.JpegWithGps();

    [Fact]
    public async Task Every_other_kind_of_file_is_served_exactly_to_those_who_may_read_its_owner_object()
    {
        var author = fixture.Actors.Single(a => a.Name == "resident of A");
        var authorId = author.UserId!;
        var now = DateTimeOffset.UtcNow;
        var ids = await fixture.Factory.WithDb(async db =>
        {
            StoredFile File(string kind, string name, string type, byte[] content)
            {
                var file = new StoredFile(fixture.A.Id, kind, name, type, content, authorId, now);
                db.Add(file);
                return file;
            }
            var draftPhoto = File(FileOwnerKinds.ProposalPhoto, "draft.jpg", "image/jpeg", Jpeg());
            var draft = new Proposal(fixture.A.Id, authorId, "草稿里的照片", "说明", ProposalCategory.EvChargers, Scope.WholeCompound, null, null, now);
            draft.AddPhoto(draftPhoto.Id);
            var publishedPhoto = File(FileOwnerKinds.ProposalPhoto, "published.jpg", "image/jpeg", Jpeg());
            var published = new Proposal(fixture.A.Id, authorId, "已发布的照片", "说明", ProposalCategory.EvChargers, Scope.WholeCompound, null, null, now);
            published.AddPhoto(publishedPhoto.Id);
            published.Publish(now, authorId);
            db.AddRange(draft, published);

            var item = new PlanItem(fixture.A.Id, PlanCategory.Upgrade, "文件矩阵的项目", "全小区", Scope.WholeCompound, 100_000, null, now);
            db.Add(item);
            await db.SaveChangesAsync();
            var scheme = new CostSharingScheme(fixture.A.Id, item.Id, 100_000, CostSharingMethod.EqualPerFlat, now);
            db.Add(scheme);
            await db.SaveChangesAsync();
            var campaign = new Campaign(fixture.A.Id, item.Id, scheme.Id, 100_000, now.AddDays(30), CampaignMode.AllOrNothing, 0, now, "committee");
            db.Add(campaign);
            await db.SaveChangesAsync();
            var pledge = new Pledge(campaign, fixture.A.Flat("1-1-101").OwnerOfRecordId, authorId, 10_000, 0, PledgeMethod.Offline, now);
            db.Add(pledge);
            await db.SaveChangesAsync();
            var receipt = File(FileOwnerKinds.Receipt, "receipt.jpg", "image/jpeg", Jpeg());
            db.Add(new OfflinePayment(pledge.Id, 10_000, DateOnly.FromDateTime(now.UtcDateTime), "现金", receipt.Id, "committee", now));
            var invoice = File(FileOwnerKinds.Invoice, "invoice.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));
            db.Add(new Expense(fixture.A.Id, item.Id, 5_000, "施工单位", "材料费", invoice.Id, "committee", now));
            var unknown = File("something-new", "unknown.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));
            await db.SaveChangesAsync();
            return (Draft: (draft.Id, draftPhoto.Id), Published: (published.Id, publishedPhoto.Id), Receipt: receipt.Id, Invoice: invoice.Id,
                Ledger: item.Id, Unknown: unknown.Id);
        });

        var failures = new List<string>();
        var served = new Dictionary<string, int>();
        async Task Check(string kind, Guid fileId, Func<AuthorizationFixture.Actor, Task<bool>> oracle)
        {
            served.TryAdd(kind, 0);
            foreach (var actor in fixture.Actors)
            {
                using var file = await actor.Client.GetAsync($"/files/{fileId:N}", TestContext.Current.CancellationToken);
                var got = file.StatusCode == HttpStatusCode.OK;
                if (got) served[kind]++;
                var expected = await oracle(actor);
                if (expected != got) failures.Add($"{actor.Name} × {kind}: expected {(expected ? "served" : "refused")}, got {(int)file.StatusCode}");
            }
        }
        async Task<bool> PageOpens(AuthorizationFixture.Actor actor, string url)
        {
            using var page = await actor.Client.GetAsync(url, TestContext.Current.CancellationToken);
            return page.StatusCode == HttpStatusCode.OK;
        }

        await Check("draft proposal photo", ids.Draft.Item2, a => PageOpens(a, $"/c/{fixture.A.Code}/proposals/{ids.Draft.Item1}"));
        await Check("published proposal photo", ids.Published.Item2, a => PageOpens(a, $"/c/{fixture.A.Code}/proposals/{ids.Published.Item1}"));
        await Check("invoice", ids.Invoice, a => PageOpens(a, $"/c/{fixture.A.Code}/funding/{ids.Ledger}/ledger"));
        await Check("receipt", ids.Receipt, a => Task.FromResult(a.UserId == authorId || a.InA.Can(Capability.ManageFunding)));
        await Check("unknown kind", ids.Unknown, a => Task.FromResult(a.InA.IsPlatformAdmin));

        // The findings behind the rules: another resident of the same compound gets neither a draft's photo nor someone's receipt.
        var tenant = fixture.Actors.Single(a => a.Name == "tenant of A");
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.GetAsync($"/files/{ids.Draft.Item2:N}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.GetAsync($"/files/{ids.Receipt:N}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.True(served["published proposal photo"] >= 8 && served["invoice"] >= 8 && served["receipt"] >= 2 && served["draft proposal photo"] >= 1,
            "the matrix would pass by refusing everything: " + string.Join(", ", served.Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
