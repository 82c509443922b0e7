using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Features.Admin;
using Portal.Features.Register;

namespace Portal.Ops;

public sealed class CreateCompoundCommand : IOpsCommand
{
    public string Name => "create-compound";
    public string Arguments => "--code CODE --name NAME [--city C --district D --address A]";
    public string Summary => "add a compound (小区)";
    public IReadOnlyCollection<string> ValueOptions => ["code", "name", "city", "district", "address"];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var code = args.Required("code");
        var name = args.Required("name").Trim();
        if (!Compound.IsValidCode(code))
            throw new OpsUsageException($"'{code}' is not a compound code (letters, digits, - and _, at most 32)");
        if (name.Length > 200) throw new OpsUsageException("--name is longer than 200 characters");

        await DatabaseSetup.MigrateAsync(services, ct);
        Compound compound;
        try
        {
            compound = await services.GetRequiredService<CreateCompound>()
                .CreateAsync(code, name, args.Optional("city"), args.Optional("district"), args.Optional("address"), ct);
        }
        catch (DomainException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return 1;
        }
        stdout.WriteLine($"compound {compound.Code} created: {compound.Name}");
        return 0;
    }
}

public sealed class ImportRegisterCommand : IOpsCommand
{
    public string Name => "import-register";
    public string Arguments => "--compound CODE --file PATH [--dry-run] [--confirm-removals]";
    public string Summary => "import a compound's household register (CSV or .xlsx)";
    public IReadOnlyCollection<string> ValueOptions => ["compound", "file"];
    public IReadOnlyCollection<string> FlagOptions => ["dry-run", "confirm-removals"];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var code = Compound.NormaliseCode(args.Required("compound"));
        var path = args.Required("file");
        if (!File.Exists(path)) throw new OpsUsageException($"no such file: {path}");

        await DatabaseSetup.MigrateAsync(services, ct);
        var db = services.GetRequiredService<PortalDb>();
        var compound = await db.Set<Compound>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct)
                       ?? throw new OpsUsageException($"no compound with code {code}");

        var file = RegisterParser.Parse(await File.ReadAllBytesAsync(path, ct), path);
        if (!file.IsValid)
        {
            foreach (var error in file.Errors) stderr.WriteLine(error.ToString());
            stderr.WriteLine($"refused: {file.Errors.Count} error(s), nothing was changed");
            return 1;
        }

        var importer = services.GetRequiredService<RegisterImporter>();
        var plan = await importer.PlanAsync(compound, file, ct);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"buildings: {file.Buildings}  flats: {file.Flats}  owners of record: {file.Owners}  total area: {ExclusiveArea.Format(file.TotalAreaCents)} m²"));
        stdout.WriteLine($"changes: flats +{plan.AddedFlats.Count} ~{plan.ChangedFlats.Count} -{plan.RemovedFlats.Count}, " +
                         $"owners +{plan.AddedOwners.Count} ~{plan.ChangedOwners.Count} -{plan.RemovedOwners.Count}");
        foreach (var blocker in plan.Blockers)
            stdout.WriteLine($"removes {plan.RemovedFlats.First(f => f.FlatId == blocker.FlatId).Key}: {blocker.Reason}");
        if (args.Flag("dry-run"))
        {
            stdout.WriteLine("dry run: nothing was changed");
            return 0;
        }
        if (!await importer.ApplyAsync(compound, plan, "ops", Path.GetFileName(path), args.Flag("confirm-removals"), ct))
        {
            stderr.WriteLine($"refused: {plan.Blockers.Count} {(plan.Blockers.Count == 1 ? "flat" : "flats")} to remove are still referred to; run again with --confirm-removals");
            return 1;
        }
        stdout.WriteLine("register imported");
        return 0;
    }
}
