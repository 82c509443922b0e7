using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.City;
using Portal.Domain.Consultations;
using Portal.Domain.Register;
using Portal.Domain.Funding;
using Portal.Domain.Notices;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Funding;
using Portal.Features.Notices;
using Portal.Features.Shared;
using Portal.Features.Votes;

namespace Portal.Ops;

/// <summary>
/// What the demo compound is in the middle of, so every page has something to show: the renovation plan with works
/// under way, an e-bike shed proposal collecting support, an elevator vote for building 1 entrance 1 with its
/// floor-coefficient cost sharing, a pinned water-cut notice to confirm, and the city's 2021 programme.
/// </summary>
internal static class DemoStory
{
    /// <summary>The building lead's transfer memo code in the demo, the same in every seed (the sample statement names it).</summary>
    public static readonly string DemoTransferReference = TransferReference.New(new Random(20261201));

    public static async Task AddAsync(IServiceProvider sp, Compound compound, IReadOnlyDictionary<string, PortalUser> accounts, Entrance entrance11, CancellationToken ct)
    {
        var db = sp.GetRequiredService<PortalDb>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var committee = accounts["committee@demo.local"].Id;
        var property = accounts["property@demo.local"].Id;

        var roof = new PlanItem(compound.Id, PlanCategory.Basic, "屋面防水及保温改造", "4栋住宅楼屋面重做防水层和保温层。", Scope.WholeCompound, 180_000_000, null, now);
        foreach (var step in new[] { PlanItemStatus.Approved, PlanItemStatus.Tendering, PlanItemStatus.InConstruction }) roof.MoveTo(step, now);
        var pipes = new PlanItem(compound.Id, PlanCategory.Basic, "雨污分流管网改造", "更换小区主管网，雨水、污水分开排放。", Scope.WholeCompound, 95_000_000, null, now);
        db.AddRange(roof, pipes);
        await db.SaveChangesAsync(ct);
        db.Add(ConstructionUpdate.Post(roof, "1号楼、2号楼屋面旧防水层已铲除，开始铺设保温板。", DateOnly.FromDateTime(now.UtcDateTime), 40, property, now));

        var shed = new Proposal(compound.Id, accounts["tenant@demo.local"].Id, "3号楼北侧建电动自行车充电棚",
            "很多老人骑电动车，晚上在楼道里**飞线充电**很危险。建议在3号楼北侧空地建一个带充电桩的车棚。", ProposalCategory.EBikeCharging,
            Scope.WholeCompound, 8_000_000, CostSharingMethod.Voluntary, now);
        shed.Publish(now, accounts["tenant@demo.local"].Id);

        var scope = Scope.OfEntrance(entrance11.BuildingId, entrance11.Id);
        var elevator = new Proposal(compound.Id, accounts["resident@demo.local"].Id, "1号楼1单元加装电梯",
            "单元里住着不少行动不便的老人，上下楼很困难。建议加装电梯，费用按楼层系数分摊，一、二层不出资。", ProposalCategory.Elevator,
            scope, 60_000_000, CostSharingMethod.FloorCoefficient, now);
        elevator.Publish(now, accounts["resident@demo.local"].Id);
        elevator.SendToReview(now, committee, "附议人数已达到门槛");
        elevator.AcceptToVote(60_000_000, CostSharingMethod.FloorCoefficient, now, committee, "提交本单元业主表决");
        db.AddRange(shed, elevator);
        await db.SaveChangesAsync(ct);

        var item = new PlanItem(compound.Id, elevator.Category.NationalCategory(), elevator.Title, "由居民提案转入。", scope, 60_000_000, elevator.Id, now);
        db.Add(item);
        await db.SaveChangesAsync(ct);
        var costSharing = new CostSharingScheme(compound.Id, item.Id, 60_000_000, CostSharingMethod.FloorCoefficient, now);
        costSharing.SetCosts(60_000_000, new Dictionary<FundingSource, long> { [FundingSource.CentralSubsidy] = 25_000_000 });
        db.Add(costSharing);

        // Co-funding open to the demo resident (1-1-502): ¥24,000 for the entrance, half from the city, the rest ¥1,000 a flat.
        var lighting = new PlanItem(compound.Id, PlanCategory.Improvement, "1号楼1单元楼道照明及单元门禁改造", "更换楼道声控灯，加装单元门禁。", scope, 2_400_000, null, now);
        db.Add(lighting);
        await db.SaveChangesAsync(ct);
        var lightingCost = new CostSharingScheme(compound.Id, lighting.Id, 2_400_000, CostSharingMethod.EqualPerFlat, now);
        lightingCost.SetCosts(2_400_000, new Dictionary<FundingSource, long> { [FundingSource.CitySubsidy] = 1_200_000 });
        db.Add(lightingCost);
        await db.SaveChangesAsync(ct);
        var campaign = await sp.GetRequiredService<CampaignOpening>().OpenAsync(lighting.Id, lightingCost.ResidentsShareFen, now.AddDays(30), CampaignMode.AllOrNothing, 0, committee, ct);
        // Households transfer to the jointly supervised account; the building lead (1-1-201) has pledged by transfer
        // with a fixed memo code, which the sample statement /samples/bank-statement.csv pays, beside a line no pledge
        // matches (for the treasurer to match by hand).
        campaign.SetTransferAccount(TransferAccount.Create("幸福花园小区业主大会共管账户", "中国建设银行唐山路北支行", "13050162520100001234"));
        await db.SaveChangesAsync(ct);
        var leadFlat = await db.Set<Flat>().Where(f => f.CompoundId == compound.Id && f.EntranceId == entrance11.Id && f.Room == "201").SingleAsync(ct);
        var leadPledge = await sp.GetRequiredService<PledgeToCampaign>().PledgeAsync(campaign,
            new PledgeHolder(leadFlat.OwnerOfRecordId, accounts["lead@demo.local"].Id), 100_000, PledgeMethod.Offline, ct);
        db.Entry(leadPledge).Property(p => p.TransferReference).CurrentValue = DemoTransferReference;
        await db.SaveChangesAsync(ct);

        // A finished item with this year's running-cost bill (运行维护费): the demo resident sees it on 我的认缴 with its transfer code.
        var pumps = new PlanItem(compound.Id, PlanCategory.Basic, "1号楼1单元二次供水加压设备更新", "更换水泵和控制柜，高层不再缺水。", scope, 3_600_000, null, now);
        foreach (var step in new[] { PlanItemStatus.Approved, PlanItemStatus.Tendering, PlanItemStatus.InConstruction, PlanItemStatus.Completed }) pumps.MoveTo(step, now);
        db.Add(pumps);
        await db.SaveChangesAsync(ct);
        await sp.GetRequiredService<IssueRunningCostBill>().IssueAsync(pumps, new IssueRunningCostBill.Terms(Shanghai.ToLocal(now).Year, CostSharingMethod.EqualPerFlat,
            [("水泵电费", 120_000), ("设备维保合同费", 240_000)], new Dictionary<int, int>(), new Dictionary<long, long>()), committee, ct);

        // Posted on the stairwell too: an absolute date, never 后天.
        var outageDay = Shanghai.ToLocal(now.AddDays(2));
        var notice = new Notice(compound.Id, "停水通知",
            $"因雨污分流管网改造，**{outageDay.Year}年{outageDay.Month}月{outageDay.Day}日8:00至18:00**全小区停水，请提前储水。给您带来不便，敬请谅解。",
            NoticeCategory.Outage, NoticeReach.Compound, [], pinned: true, requiresAcknowledgement: true, now, now.AddDays(7), property, now);
        db.Add(notice);
        await db.SaveChangesAsync(ct);
        await sp.GetRequiredService<NoticeBoard>().PublishOrScheduleAsync(notice, ct);

        // The demo shows a vote already open, so its compound's rules take no notice period (the default is 15 days).
        await sp.GetRequiredService<SetCompoundRules>().RunAsync(compound.Id, new SetCompoundRules.Changes(NoticeDays: 0), committee, ct);
        await sp.GetRequiredService<CreateVote>().RunAsync(new CreateVote.NewVote(compound.Id, elevator.Title,
            new CivilCodeMajor(), scope, null, now.AddDays(14), ObjectionPeriodDays: 7, ReminderHoursBefore: 24, ProposalId: elevator.Id), committee, ct);

        // The residents' committee asks every household whether it wants the e-bike shed (意愿征询), tenants included.
        db.Add(new Consultation(compound.Id, ConsultationKind.Willingness, "是否同意建设电动自行车充电棚",
            "有居民提议在小区内建设带充电桩的电动自行车棚，解决楼道飞线充电的安全隐患。请每户告诉我们是否同意，以及倾向的位置。",
            Scope.WholeCompound, now, now.AddDays(14), tenantsMayAnswer: true, ["3号楼北侧空地", "2号楼东侧空地"], null, committee, now));
        await db.SaveChangesAsync(ct);

        await SeedCityCommand.SeedAsync(db, CityProgrammeProfile.Known[0], replace: false, ct);
    }
}
