using Portal.Domain.Funding;

namespace Portal.Domain.City;

/// <summary>Totals for one group of compounds in a programme.</summary>
public sealed record ProgrammeTotals(int Compounds, int Buildings, int Households, long FloorAreaCents);

/// <summary>One compound of a generated city programme, before it is stored.</summary>
public sealed record GeneratedCompound(
    string Code, string Name, string District, string Address, int YearBuilt, TaskLevel Level, ProgrammeStatus Status,
    int Buildings, int Households, long FloorAreaCents, long PlannedInvestmentFen, IReadOnlyDictionary<FundingSource, long> Funds);

/// <summary>
/// A city's yearly programme as published (e.g. the Tangshan 2021 press release in ../shared/seed), from which
/// <see cref="Generate"/> makes plausible compounds whose totals are exactly the published ones.
/// </summary>
public sealed record CityProgrammeProfile(
    string Name,
    string City,
    int Year,
    string CodePrefix,
    IReadOnlyList<(string District, int Weight)> Districts,
    ProgrammeTotals ProvincialTasks,
    ProgrammeTotals CityOnlyTasks,
    long PlannedInvestmentFen,
    IReadOnlyDictionary<FundingSource, long> FundsSecuredFen,
    int CityOnlyInProgress,
    int RandomSeed)
{
    public ProgrammeTotals All => new(
        ProvincialTasks.Compounds + CityOnlyTasks.Compounds,
        ProvincialTasks.Buildings + CityOnlyTasks.Buildings,
        ProvincialTasks.Households + CityOnlyTasks.Households,
        ProvincialTasks.FloorAreaCents + CityOnlyTasks.FloorAreaCents);

    /// <summary>
    /// 唐山市 2021: 221 compounds, 1,540 buildings, 57,600 households, 4,470,800 m², ¥936 million planned; 184 of them
    /// provincial tasks (1,276 buildings, 50,000 households, 3,909,100 m²), all completed; of the rest 17 still in progress.
    /// </summary>
    public static readonly CityProgrammeProfile Tangshan2021 = new(
        "tangshan-2021",
        "唐山市",
        2021,
        "TS2021-",
        [
            ("路北区", 30), ("路南区", 24), ("开平区", 10), ("古冶区", 10), ("丰南区", 9), ("丰润区", 9), ("曹妃甸区", 5),
            ("迁安市", 9), ("遵化市", 6), ("滦州市", 6), ("乐亭县", 4), ("迁西县", 4), ("玉田县", 5), ("滦南县", 4),
        ],
        ProvincialTasks: new(184, 1_276, 50_000, 390_910_000),
        CityOnlyTasks: new(37, 264, 7_600, 56_170_000),
        PlannedInvestmentFen: 93_600_000_000,
        FundsSecuredFen: new Dictionary<FundingSource, long>
        {
            [FundingSource.CentralSubsidy] = 12_143_000_000,
            [FundingSource.CentralBudgetInvestment] = 10_075_000_000,
            [FundingSource.ProvincialAward] = 1_564_000_000,
            [FundingSource.Residents] = 1_490_000_000,
            [FundingSource.SocialCapital] = 11_945_000_000,
        },
        CityOnlyInProgress: 17,
        RandomSeed: 2021_11_24);

    public static IReadOnlyList<CityProgrammeProfile> Known { get; } = [Tangshan2021];

    private static readonly string[] Words =
    [
        "幸福", "光明", "建设", "新华", "朝阳", "和平", "胜利", "友谊", "文化", "团结", "康乐", "安居", "振兴", "繁荣",
        "东风", "红旗", "育才", "电业", "矿区", "钢城", "铁路", "龙泉", "凤凰", "西山", "南湖", "北新", "华岩", "永安",
        "晨光", "新光", "长宁", "复兴", "建华", "兴业", "裕华", "钓鱼台", "体育", "学院", "翔云", "缸窑", "卫国", "利民",
    ];

    private static readonly string[] Suffixes = ["小区", "里", "花园", "公寓", "楼", "新村"];

    /// <summary>The same compounds every time (seeded); every total is exact (largest remainder).</summary>
    public IReadOnlyList<GeneratedCompound> Generate()
    {
        var random = new Random(RandomSeed);
        var rows = new List<(TaskLevel Level, int Buildings, int Households, long Area)>();
        foreach (var (level, totals) in new[] { (TaskLevel.Provincial, ProvincialTasks), (TaskLevel.City, CityOnlyTasks) })
        {
            var n = totals.Compounds;
            var size = Enumerable.Range(0, n).Select(_ => (long)random.Next(40, 200)).ToArray();
            // At least one building each; the rest by size.
            var buildings = Apportion.ByWeight(totals.Buildings - n, size).Select(b => b + 1).ToArray();
            var households = Apportion.ByWeight(totals.Households, buildings.Select(b => b * random.Next(80, 120)).ToArray());
            var area = Apportion.ByWeight(totals.FloorAreaCents, households.Select(h => h * random.Next(90, 110)).ToArray());
            for (var i = 0; i < n; i++) rows.Add((level, (int)buildings[i], (int)households[i], area[i]));
        }

        // Interleave provincial and city-only compounds so codes do not reveal the level.
        rows = rows.OrderBy(_ => random.Next()).ToList();
        var investment = Apportion.ByWeight(PlannedInvestmentFen, rows.Select(r => r.Area).ToArray());
        var funds = FundsSecuredFen.ToDictionary(kv => kv.Key, kv => Apportion.ByWeight(kv.Value, investment));

        var cityOnly = Enumerable.Range(0, rows.Count).Where(i => rows[i].Level == TaskLevel.City).ToList();
        var inProgress = cityOnly.OrderBy(_ => random.Next()).Take(CityOnlyInProgress).ToHashSet();

        // Every district gets at least one compound; the rest by the district's weight.
        var districtOf = new string[rows.Count];
        var firstOnes = Enumerable.Range(0, rows.Count).OrderBy(_ => random.Next()).Take(Districts.Count).ToList();
        for (var d = 0; d < Districts.Count; d++) districtOf[firstOnes[d]] = Districts[d].District;
        var weightSum = Districts.Sum(d => d.Weight);
        for (var i = 0; i < rows.Count; i++)
        {
            if (districtOf[i] is not null) continue;
            var pick = random.Next(weightSum);
            foreach (var (district, weight) in Districts)
            {
                if (pick < weight) { districtOf[i] = district; break; }
                pick -= weight;
            }
        }

        var names = new HashSet<string>();
        var result = new List<GeneratedCompound>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var district = districtOf[i];
            var stem = district[..^1];
            string name;
            do name = stem + Words[random.Next(Words.Length)] + Suffixes[random.Next(Suffixes.Length)];
            while (!names.Add(name));
            var status = rows[i].Level == TaskLevel.Provincial || !inProgress.Contains(i) ? ProgrammeStatus.Completed : ProgrammeStatus.InProgress;
            result.Add(new GeneratedCompound(
                $"{CodePrefix}{i + 1:D3}", name, district, $"{City}{district}{name[stem.Length..]}路{random.Next(1, 200)}号",
                random.Next(1975, 2000), rows[i].Level, status, rows[i].Buildings, rows[i].Households, rows[i].Area, investment[i],
                funds.ToDictionary(kv => kv.Key, kv => kv.Value[i])));
        }
        return result;
    }
}
