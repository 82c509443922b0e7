using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Register;
using Portal.Features.Votes;

namespace Portal.Features.Funding;

/// <summary>
/// The committee imports per-flat maintenance-fund balances (分户账): CSV (UTF-8 or GB18030) or .xlsx with the header
/// <c>building,entrance,room,balance_yuan</c>, as of one date. Any bad line refuses the whole file and nothing is saved.
/// </summary>
public sealed class ImportFundBalances(PortalDb db, TimeProvider clock, IStringLocalizer<FundingText> t)
{
    public sealed record Result(int Imported, IReadOnlyList<string> Errors)
    {
        public bool Refused => Errors.Count > 0;
    }

    public async Task<Result> ImportAsync(long compoundId, byte[] bytes, string? fileName, DateOnly? asOf, string byUserId, CancellationToken ct = default)
    {
        var errors = new List<string>();
        if (asOf is null) errors.Add(t["Fund_AsOfRequired"]);
        List<(int Line, string[] Cells)> rows;
        try { rows = TabularFile.Read(bytes, fileName); }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException) { return new Result(0, [t["Import_Unreadable"]]); }
        if (rows.Count == 0 || !IsHeader(rows[0].Cells)) return new Result(0, [t["Fund_BadHeader"]]);
        var flats = (await db.Set<Flat>().Where(f => f.CompoundId == compoundId).WithNames(db).AsNoTracking().ToListAsync(ct))
            .GroupBy(f => Key(f.Building, f.Entrance, f.Flat.Room)).ToDictionary(g => g.Key, g => g.First().Flat.Id);
        var parsed = new Dictionary<long, long>();
        foreach (var (line, cells) in rows.Skip(1))
        {
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            var label = string.Join("-", cells.Take(3).Select(c => c?.Trim() ?? ""));
            var amount = cells.ElementAtOrDefault(3)?.Trim() ?? "";
            if (!flats.TryGetValue(Key(cells.ElementAtOrDefault(0), cells.ElementAtOrDefault(1), cells.ElementAtOrDefault(2)), out var flatId))
                errors.Add(t["Fund_UnknownFlat", line, label]);
            else if (amount.StartsWith('-'))
                errors.Add(t["Fund_Negative", line, amount]);
            else if (!Money.TryParseYuan(amount, out var fen))
                errors.Add(t["Import_BadAmount", line, amount]);
            else if (!parsed.TryAdd(flatId, fen))
                errors.Add(t["Import_Duplicate", line, label]);
        }
        if (rows.Count < 2 || (parsed.Count == 0 && errors.Count == 0)) errors.Add(t["Import_Empty"]);
        if (errors.Count > 0) return new Result(0, errors);

        var now = clock.GetUtcNow();
        var existing = await db.Set<FundBalance>().Where(b => b.CompoundId == compoundId).ToDictionaryAsync(b => b.FlatId, ct);
        foreach (var (flatId, fen) in parsed)
        {
            if (existing.TryGetValue(flatId, out var balance)) balance.Update(fen, asOf!.Value, byUserId, now);
            else db.Add(new FundBalance(compoundId, flatId, fen, asOf!.Value, byUserId, now));
        }
        await db.SaveChangesAsync(ct);
        return new Result(parsed.Count, []);
    }

    private static bool IsHeader(string[] cells) =>
        cells.Length >= 4 && new[] { "building", "entrance", "room", "balance_yuan" }
            .Select((h, i) => string.Equals(cells[i]?.Trim().TrimStart('\uFEFF'), h, StringComparison.OrdinalIgnoreCase)).All(x => x);

    /// <summary>"1号楼", "1栋" and "1" name the same building; "1单元" and "1" the same entrance.</summary>
    private static string Key(string? building, string? entrance, string? room) =>
        string.Join("|", Strip(building, "号楼", "栋", "幢"), Strip(entrance, "单元"), (room ?? "").Trim().TrimEnd('室'));

    private static string Strip(string? text, params string[] suffixes)
    {
        var s = (text ?? "").Trim();
        foreach (var suffix in suffixes)
            if (s.EndsWith(suffix, StringComparison.Ordinal)) s = s[..^suffix.Length];
        return s.ToLower(CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// The committee links a plan item to the passed vote matter (rule civil-code-ordinary, Civil Code Art. 278 item 5) in
/// which the owners approved using the maintenance fund. From then on each flat's share is drawn from its own balance
/// up to the balance; the ledger records each flat's drawdown and the campaign's goal drops by what the fund pays.
/// </summary>
public sealed class LinkFundUse(PortalDb db, FundingQueries queries, HouseholdQuote quotes, VoteCounter counter, TimeProvider clock)
{
    public static int OrdinaryRule => VoteRuleKind.All.First(k => k.Code == "civil-code-ordinary").StoredAs;

    public async Task<long> LinkAsync(long compoundId, long planItemId, long matterId, string byUserId, CancellationToken ct = default)
    {
        var item = await db.Set<PlanItem>().FirstOrDefaultAsync(p => p.Id == planItemId && p.CompoundId == compoundId, ct)
            ?? throw new DomainException("funding.no_item", "There is no such plan item.");
        var scheme = await queries.SchemeAsync(planItemId, ct)
            ?? throw new DomainException("funding.no_cost_sharing", "The plan item has no cost-sharing scheme yet.");
        var matter = await db.Set<Matter>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == matterId, ct);
        var vote = matter is null ? null : await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == matter.VoteId && v.CompoundId == compoundId, ct);
        if (matter is null || vote is null)
            throw new DomainException("funding.fund_matter_unknown", "There is no such vote matter in this compound.");
        if (matter.Rule != OrdinaryRule)
            throw new DomainException("funding.fund_matter_not_ordinary", "Using the maintenance fund is decided as an ordinary matter (civil-code-ordinary).");
        if (vote.Status != VoteStatus.Final)
            throw new DomainException("funding.fund_vote_not_final", "The vote's result is not final yet.");
        var passed = (await counter.TallyAsync(vote.Id, ct)).FirstOrDefault(r => r.MatterId == matter.Id)?.Passed ?? false;
        if (!passed)
            throw new DomainException("funding.fund_matter_not_passed", "The owners did not approve using the maintenance fund in this matter.");

        scheme.LinkFundUse(vote.Id, matter.Id);
        var flats = await queries.FlatsInScopeAsync(item, ct);
        var refusal = scheme.SharingRefusal(flats.Select(f => f.Sharing));
        if (refusal is not null) throw new DomainException(refusal, "The scheme cannot share the cost among these flats.");
        var table = HouseholdQuote.Table(scheme, flats, await quotes.FundBalancesAsync(scheme, ct));
        var now = clock.GetUtcNow();
        foreach (var line in table.Where(l => l.FundFen > 0))
            db.Add(new LedgerEntry(compoundId, planItemId, LedgerEntryKind.SourceIncome, FundingSource.MaintenanceFund, line.FundFen, now,
                $"维修资金分户列支 {line.Label}", null, byUserId));
        var drawn = table.Sum(l => l.FundFen);
        (await queries.CampaignAsync(planItemId, ct))?.LowerGoalBy(drawn);
        await db.SaveChangesAsync(ct);
        return drawn;
    }
}
