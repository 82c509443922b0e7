using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.City;
using Portal.Domain.Register;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Residents;

namespace Portal.Features.City;

/// <summary>Totals of one group of compounds (the provincial tasks, say).</summary>
public sealed record GroupTotals(int Compounds, int Completed, int Buildings, int Households, long FloorAreaCents);

public sealed record DistrictTotals(string District, int Compounds, int Planned, int InProgress, int Completed,
    int Buildings, int Households, long FloorAreaCents, long PlannedInvestmentFen, long FundsSecuredFen);

/// <summary>Residents' ratings of completed works in the compounds shown (1–5, average in hundredths).</summary>
public sealed record SatisfactionTotals(int Answers, int AverageHundredths);

/// <summary>
/// The plan items of one national category (国办发〔2020〕23号: 基础类, 完善类, 提升类) in the compounds shown, cancelled
/// items left out: how many, in how many compounds, how many finished (completed or accepted), and their budgets.
/// </summary>
public sealed record CategoryTotals(PlanCategory Category, int Items, int Compounds, int Finished, long BudgetFen);

/// <summary>What the city dashboard, GET /api/city/summary and `city-summary --json` all show.</summary>
public sealed record CitySummary(
    string City,
    string? District,
    int? ProgrammeYear,
    int Compounds,
    int Planned,
    int InProgress,
    int Completed,
    int Buildings,
    int Households,
    long FloorAreaCents,
    long PlannedInvestmentFen,
    GroupTotals ProvincialTasks,
    GroupTotals CityOnlyTasks,
    IReadOnlyDictionary<string, long> FundsSecuredFen,
    long FundsSecuredTotalFen,
    SatisfactionTotals? Satisfaction,
    IReadOnlyList<DistrictTotals> Districts,
    IReadOnlyList<CategoryTotals> Categories);

/// <summary>One compound in the dashboard's table and exports.</summary>
public sealed record ProgrammeRow(string Code, string Name, string District, int ProgrammeYear, TaskLevel Level, ProgrammeStatus Status,
    int Buildings, int Households, long FloorAreaCents, long PlannedInvestmentFen, long FundsSecuredFen);

/// <summary>The dashboard's figures, table and filter choices for one filter.</summary>
public sealed record CityDashboardData(CitySummary Summary, IReadOnlyList<ProgrammeRow> Rows, IReadOnlyList<int> Years, IReadOnlyList<string> Districts);

/// <summary>Which compounds a viewer may see: one city, all of it or only some districts.</summary>
public sealed record CityFilter(string City, IReadOnlyList<string>? AllowedDistricts, string? District, int? ProgrammeYear);

/// <summary>Which cities (and districts) a viewer may look at.</summary>
public sealed record CityView(IReadOnlyList<string> Cities, string City, IReadOnlyList<string>? AllowedDistricts)
{
    public CityFilter Filter(string? district, int? year)
    {
        district = string.IsNullOrWhiteSpace(district) ? null : district.Trim();
        if (district is not null && AllowedDistricts is not null && !AllowedDistricts.Contains(district)) district = null;
        if (district is null && AllowedDistricts is { Count: 1 }) district = AllowedDistricts[0];
        return new CityFilter(City, AllowedDistricts, district, year);
    }
}

/// <summary>
/// The city's figures, aggregated in the database (GROUP BY), never compound by compound. Only programme rows
/// count: a compound on the portal without programme data is not part of the city's figures.
/// </summary>
public sealed class CitySummaryQuery(PortalDb db, IMemoryCache cache, IConfiguration config)
{
    public const int DefaultCacheSeconds = 15;

    /// <summary>
    /// How long the dashboard's figures are reused (<c>City:CacheSeconds</c>, default 15; 0 turns the cache off):
    /// programme data changes a few times a day, the page is read far more. The cache is per node, so with several
    /// servers two nodes may show figures up to this many seconds apart.
    /// </summary>
    public TimeSpan CacheFor => TimeSpan.FromSeconds(Math.Max(0, config.GetValue("City:CacheSeconds", DefaultCacheSeconds)));

    /// <summary>Everything the dashboard shows for one filter, reused for <see cref="CacheFor"/>.</summary>
    public async Task<CityDashboardData> DashboardAsync(CityFilter f, CancellationToken ct) =>
        CacheFor <= TimeSpan.Zero ? await LoadDashboardAsync(f, ct) :
        (await cache.GetOrCreateAsync(("city-dashboard", f.City, string.Join("|", f.AllowedDistricts ?? []), f.AllowedDistricts is null, f.District, f.ProgrammeYear), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await LoadDashboardAsync(f, ct);
        }))!;

    private async Task<CityDashboardData> LoadDashboardAsync(CityFilter f, CancellationToken ct)
    {
        var summary = await SummaryAsync(f, ct);
        var rows = await RowsAsync(f, ct);
        var (years, districts) = await FilterOptionsAsync(f, ct);
        return new CityDashboardData(summary, rows, years, districts);
    }

    /// <summary>The cities a platform admin or city officer may see; null when the account may see none.</summary>
    public async Task<CityView?> ViewForAsync(ClaimsPrincipal user, string? requestedCity, CancellationToken ct)
    {
        var userId = CompoundAccess.UserId(user);
        if (userId is null) return null;
        if (user.IsInRole(PlatformRoles.Admin))
        {
            var cities = await (from p in db.Set<CompoundProgramme>()
                                join c in db.Set<Compound>() on p.CompoundId equals c.Id
                                select c.City).Distinct().OrderBy(c => c).ToListAsync(ct);
            // An admin may look at any city, even one without programme data yet.
            var city = string.IsNullOrWhiteSpace(requestedCity) ? cities.FirstOrDefault() ?? "" : requestedCity.Trim();
            return new CityView(cities, city, null);
        }
        var scopes = await db.Set<CityOfficerScope>().AsNoTracking().Where(s => s.UserId == userId).ToListAsync(ct);
        if (scopes.Count == 0) return null;
        var mine = scopes.Select(s => s.City).Distinct().Order().ToList();
        var chosen = requestedCity is not null && mine.Contains(requestedCity) ? requestedCity : mine[0];
        var here = scopes.Where(s => s.City == chosen).ToList();
        IReadOnlyList<string>? districts = here.Any(s => s.District is null) ? null : here.Select(s => s.District!).Distinct().Order().ToList();
        return new CityView(mine, chosen, districts);
    }

    private IQueryable<ProgrammeFact> Facts(CityFilter f)
    {
        var q = from p in db.Set<CompoundProgramme>()
                join c in db.Set<Compound>() on p.CompoundId equals c.Id
                where c.City == f.City
                select new ProgrammeFact
                {
                    ProgrammeId = p.Id, CompoundId = c.Id, Code = c.Code, Name = c.Name, District = c.District, Year = p.ProgrammeYear,
                    Level = p.Level, Status = p.Status, Buildings = p.Buildings, Households = p.Households,
                    Area = p.FloorAreaCents, Investment = p.PlannedInvestmentFen,
                };
        if (f.AllowedDistricts is not null) q = q.Where(x => f.AllowedDistricts.Contains(x.District));
        if (f.District is not null) q = q.Where(x => x.District == f.District);
        if (f.ProgrammeYear is not null) q = q.Where(x => x.Year == f.ProgrammeYear);
        return q;
    }

    public async Task<CitySummary> SummaryAsync(CityFilter f, CancellationToken ct)
    {
        var facts = Facts(f);
        var groups = await facts
            .GroupBy(x => new { x.District, x.Status, x.Level })
            .Select(g => new
            {
                g.Key.District, g.Key.Status, g.Key.Level, Count = g.Count(),
                Buildings = g.Sum(x => x.Buildings), Households = g.Sum(x => x.Households),
                Area = g.Sum(x => x.Area), Investment = g.Sum(x => x.Investment),
            })
            .ToListAsync(ct);
        var funds = await (from fu in db.Set<ProgrammeFunds>()
                           join x in facts on fu.CompoundProgrammeId equals x.ProgrammeId
                           group fu by new { x.District, fu.Source } into g
                           select new { g.Key.District, g.Key.Source, Amount = g.Sum(y => y.AmountFen) })
                          .ToListAsync(ct);
        var satisfaction = await SatisfactionAsync(f, ct);
        var categories = await CategoriesAsync(facts, ct);

        var provincial = groups.Where(g => g.Level == TaskLevel.Provincial).ToList();
        var cityOnly = groups.Where(g => g.Level == TaskLevel.City).ToList();
        var fundsBySource = Enum.GetValues<FundingSource>().ToDictionary(s => s.ToString(), s => funds.Where(x => x.Source == s).Sum(x => x.Amount));
        var districts = groups.GroupBy(g => g.District).OrderBy(d => d.Key).Select(d => new DistrictTotals(
            d.Key, d.Sum(x => x.Count),
            d.Where(x => x.Status == ProgrammeStatus.Planned).Sum(x => x.Count),
            d.Where(x => x.Status == ProgrammeStatus.InProgress).Sum(x => x.Count),
            d.Where(x => x.Status == ProgrammeStatus.Completed).Sum(x => x.Count),
            d.Sum(x => x.Buildings), d.Sum(x => x.Households), d.Sum(x => x.Area), d.Sum(x => x.Investment),
            funds.Where(x => x.District == d.Key).Sum(x => x.Amount))).ToList();

        return new CitySummary(
            f.City, f.District, f.ProgrammeYear,
            groups.Sum(g => g.Count),
            groups.Where(g => g.Status == ProgrammeStatus.Planned).Sum(g => g.Count),
            groups.Where(g => g.Status == ProgrammeStatus.InProgress).Sum(g => g.Count),
            groups.Where(g => g.Status == ProgrammeStatus.Completed).Sum(g => g.Count),
            groups.Sum(g => g.Buildings), groups.Sum(g => g.Households), groups.Sum(g => g.Area), groups.Sum(g => g.Investment),
            new GroupTotals(provincial.Sum(g => g.Count), provincial.Where(g => g.Status == ProgrammeStatus.Completed).Sum(g => g.Count),
                provincial.Sum(g => g.Buildings), provincial.Sum(g => g.Households), provincial.Sum(g => g.Area)),
            new GroupTotals(cityOnly.Sum(g => g.Count), cityOnly.Where(g => g.Status == ProgrammeStatus.Completed).Sum(g => g.Count),
                cityOnly.Sum(g => g.Buildings), cityOnly.Sum(g => g.Households), cityOnly.Sum(g => g.Area)),
            fundsBySource, fundsBySource.Values.Sum(), satisfaction, districts, categories);
    }

    /// <summary>Plan items by national category in the compounds of the programme rows shown (GROUP BY in the database).</summary>
    private async Task<List<CategoryTotals>> CategoriesAsync(IQueryable<ProgrammeFact> facts, CancellationToken ct)
    {
        var compounds = facts.Select(x => x.CompoundId).Distinct();
        var rows = await db.Set<PlanItem>()
            .Where(i => compounds.Contains(i.CompoundId) && i.Status != PlanItemStatus.Cancelled)
            .GroupBy(i => new { i.Category, i.CompoundId })
            .Select(g => new
            {
                g.Key.Category, Items = g.Count(),
                Finished = g.Count(i => i.Status == PlanItemStatus.Completed || i.Status == PlanItemStatus.Accepted),
                Budget = g.Sum(i => i.BudgetFen ?? 0),
            })
            .ToListAsync(ct);
        return Enum.GetValues<PlanCategory>().Select(c =>
        {
            var of = rows.Where(r => r.Category == c).ToList();
            return new CategoryTotals(c, of.Sum(r => r.Items), of.Count, of.Sum(r => r.Finished), of.Sum(r => r.Budget));
        }).ToList();
    }

    /// <summary>The compounds themselves, for the table and the exports (one query; funds summed in SQL).</summary>
    public async Task<List<ProgrammeRow>> RowsAsync(CityFilter f, CancellationToken ct)
    {
        var facts = Facts(f);
        var secured = from fu in db.Set<ProgrammeFunds>()
                      group fu by fu.CompoundProgrammeId into g
                      select new { ProgrammeId = g.Key, Amount = g.Sum(y => y.AmountFen) };
        return await (from x in facts
                      join s in secured on x.ProgrammeId equals s.ProgrammeId into ss
                      from s in ss.DefaultIfEmpty()
                      orderby x.District, x.Code
                      select new ProgrammeRow(x.Code, x.Name, x.District, x.Year, x.Level, x.Status, x.Buildings, x.Households,
                          x.Area, x.Investment, s == null ? 0 : s.Amount))
                     .ToListAsync(ct);
    }

    /// <summary>The programme years and districts there are for the viewer's city (for the filters).</summary>
    public async Task<(List<int> Years, List<string> Districts)> FilterOptionsAsync(CityFilter f, CancellationToken ct)
    {
        var all = Facts(f with { District = null, ProgrammeYear = null });
        var years = await all.Select(x => x.Year).Distinct().OrderBy(y => y).ToListAsync(ct);
        var districts = await all.Select(x => x.District).Distinct().OrderBy(d => d).ToListAsync(ct);
        return (years, districts);
    }

    /// <summary>Satisfaction from the portal's own surveys in the compounds shown; null when nobody has rated yet.</summary>
    private async Task<SatisfactionTotals?> SatisfactionAsync(CityFilter f, CancellationToken ct)
    {
        var q = from a in db.Set<SurveyAnswer>()
                join c in db.Set<Compound>() on a.CompoundId equals c.Id
                where c.City == f.City
                select new { c.District, c.ProgrammeYear, a.Rating };
        if (f.AllowedDistricts is not null) q = q.Where(x => f.AllowedDistricts.Contains(x.District));
        if (f.District is not null) q = q.Where(x => x.District == f.District);
        if (f.ProgrammeYear is not null) q = q.Where(x => x.ProgrammeYear == f.ProgrammeYear);
        var totals = await q.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Sum = g.Sum(x => x.Rating) }).FirstOrDefaultAsync(ct);
        return totals is null || totals.Count == 0
            ? null
            : new SatisfactionTotals(totals.Count, (int)Math.Round(totals.Sum * 100m / totals.Count, MidpointRounding.AwayFromZero));
    }

    private sealed class ProgrammeFact
    {
        public long ProgrammeId { get; init; }
        public long CompoundId { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string District { get; init; } = "";
        public int Year { get; init; }
        public TaskLevel Level { get; init; }
        public ProgrammeStatus Status { get; init; }
        public int Buildings { get; init; }
        public int Households { get; init; }
        public long Area { get; init; }
        public long Investment { get; init; }
    }
}
