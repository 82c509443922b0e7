using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.City;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Features.City;

namespace Portal.Ops;

/// <summary>Stores a published city programme (see <see cref="CityProgrammeProfile"/>) as compounds with programme data.</summary>
public sealed class SeedCityCommand : IOpsCommand
{
    public string Name => "seed-city";
    public string Arguments => "--profile tangshan-2021 [--replace]";
    public string Summary => "add a city's renovation programme (compounds and totals as published)";
    public IReadOnlyCollection<string> ValueOptions => ["profile"];
    public IReadOnlyCollection<string> FlagOptions => ["replace"];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var name = args.Required("profile");
        var profile = CityProgrammeProfile.Known.FirstOrDefault(p => p.Name == name)
                      ?? throw new OpsUsageException($"unknown profile '{name}' (known: {string.Join(", ", CityProgrammeProfile.Known.Select(p => p.Name))})");
        await DatabaseSetup.MigrateAsync(services, ct);
        var db = services.GetRequiredService<PortalDb>();
        var outcome = await SeedAsync(db, profile, args.Flag("replace"), ct);
        var all = profile.All;
        stdout.WriteLine(outcome switch
        {
            SeedOutcome.AlreadyPresent => $"{profile.Name}: already present ({all.Compounds} compounds in {profile.City}); --replace to generate again",
            SeedOutcome.Replaced => $"{profile.Name}: replaced with {all.Compounds} compounds in {profile.City}",
            _ => $"{profile.Name}: added {all.Compounds} compounds in {profile.City}",
        });
        return 0;
    }

    public enum SeedOutcome { Added, AlreadyPresent, Replaced }

    /// <summary>Adds the profile's compounds unless they are there (or replaces them when asked). Safe to run twice.</summary>
    public static async Task<SeedOutcome> SeedAsync(PortalDb db, CityProgrammeProfile profile, bool replace, CancellationToken ct = default)
    {
        var existing = db.Set<Compound>().Where(c => c.Code.StartsWith(profile.CodePrefix));
        var replaced = false;
        if (await existing.AnyAsync(ct))
        {
            if (!replace) return SeedOutcome.AlreadyPresent;
            await existing.ExecuteDeleteAsync(ct);
            replaced = true;
        }

        var generated = profile.Generate();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var compounds = generated.Select(g => new Compound(g.Code, g.Name, profile.City, g.District, g.Address, g.YearBuilt, profile.Year)).ToList();
        db.AddRange(compounds);
        await db.SaveChangesAsync(ct);
        for (var i = 0; i < generated.Count; i++)
        {
            var g = generated[i];
            var programme = new CompoundProgramme(compounds[i].Id, profile.Year, g.Level, g.Buildings, g.Households, g.FloorAreaCents, g.PlannedInvestmentFen);
            if (g.Status >= ProgrammeStatus.InProgress) programme.MoveTo(ProgrammeStatus.InProgress);
            if (g.Status == ProgrammeStatus.Completed) programme.MoveTo(ProgrammeStatus.Completed);
            foreach (var (source, amount) in g.Funds.Where(f => f.Value > 0)) programme.Secure(source, amount);
            db.Add(programme);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return replaced ? SeedOutcome.Replaced : SeedOutcome.Added;
    }
}

/// <summary>Prints a city's programme totals (the dashboard's figures), as text or JSON.</summary>
public sealed class CitySummaryCommand : IOpsCommand
{
    public string Name => "city-summary";
    public string Arguments => "--city 唐山市 [--district D] [--year Y] [--json]";
    public string Summary => "print a city's programme totals (as on the city dashboard)";
    public IReadOnlyCollection<string> ValueOptions => ["city", "district", "year"];
    public IReadOnlyCollection<string> FlagOptions => ["json"];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var city = args.Optional("city") ?? CityProgrammeProfile.Tangshan2021.City;
        int? year = args.Optional("year") is { } y
            ? int.TryParse(y, out var parsed) ? parsed : throw new OpsUsageException("--year must be a whole number")
            : null;
        var query = services.GetRequiredService<CitySummaryQuery>();
        var summary = await query.SummaryAsync(new CityFilter(city, null, args.Optional("district"), year), ct);
        if (args.Flag("json"))
        {
            stdout.WriteLine(JsonSerializer.Serialize(summary, CitySetup.Json));
            return 0;
        }
        stdout.WriteLine($"{summary.City}{(summary.District is null ? "" : " " + summary.District)}{(year is null ? "" : $" {year}")}");
        stdout.WriteLine($"compounds {summary.Compounds:N0} (planned {summary.Planned}, in progress {summary.InProgress}, completed {summary.Completed})");
        stdout.WriteLine($"buildings {summary.Buildings:N0}, households {summary.Households:N0}, floor area {ExclusiveArea.Format(summary.FloorAreaCents)} m²");
        stdout.WriteLine($"planned investment {Money.FormatYuan(summary.PlannedInvestmentFen)}");
        stdout.WriteLine($"provincial tasks {summary.ProvincialTasks.Compounds:N0} compounds, {summary.ProvincialTasks.Buildings:N0} buildings, {summary.ProvincialTasks.Households:N0} households, {ExclusiveArea.Format(summary.ProvincialTasks.FloorAreaCents)} m²");
        foreach (var (source, fen) in summary.FundsSecuredFen)
            stdout.WriteLine($"secured {source}: {Money.FormatYuan(fen)}");
        return 0;
    }
}
