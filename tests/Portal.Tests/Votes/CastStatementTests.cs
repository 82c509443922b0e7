using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>Counts the SQL commands a request runs while its path and query match (background jobs are not counted).</summary>
public sealed class StatementCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    private int _count;
    private readonly List<string> _texts = [];
    public string? Watching { get; set; }
    public int Count => _count;
    public IReadOnlyList<string> Texts { get { lock (_texts) return _texts.ToList(); } }

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        lock (_texts) _texts.Clear();
    }

    private void Seen(DbCommand command)
    {
        if (Watching is null || http.HttpContext?.Request is not { } request || !(request.Path + request.QueryString).ToString().Contains(Watching)) return;
        Interlocked.Increment(ref _count);
        lock (_texts) _texts.Add(command.CommandText.Split('\n')[0]);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    { Seen(command); return result; }
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    { Seen(command); return ValueTask.FromResult(result); }
    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    { Seen(command); return result; }
    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    { Seen(command); return ValueTask.FromResult(result); }
    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    { Seen(command); return result; }
    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken ct = default)
    { Seen(command); return ValueTask.FromResult(result); }
}

public sealed class CountingFactory : PortalFactory
{
    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<StatementCounter>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<StatementCounter>());
    }
}

/// <summary>
/// A cast is the busiest request of a vote: the whole POST (sign-in cookie, page filter, checks, the ballot, the audit
/// entry, the receipt notification, commit) runs a bounded number of SQL commands, counted with a DbCommandInterceptor.
/// </summary>
public sealed class CastStatementTests : IAsyncLifetime
{
    /// <summary>
    /// The page filter's compound and membership reads (4); the open vote and its matters, read once and kept (3, none
    /// when kept); the representative (2); one read for the electorate, the scope and the current ballot; the transaction:
    /// the writer lock, the current ballot, the ballot version, the audit chain's last entry, then the current ballot, choices, receipt
    /// notification and audit entry (SQLite sends each insert on its own; PostgreSQL batches them).
    /// </summary>
    private const int FirstCastBudget = 18;

    private readonly CountingFactory _factory = new();
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Casting_and_changing_a_ballot_run_a_bounded_number_of_statements()
    {
        var c = await _factory.CreateCompoundAsync(VotesTestKit.NewCode("STM"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var vote = await _factory.CreateVoteAsync(c, "充电桩", new CivilCodeOrdinary(), Scope.WholeCompound);
        var (_, client) = await _factory.ResidentAsync(c, c.Flat("1-1-101"));
        var matter = (await _factory.TallyAsync(vote.Id)).Single().MatterId;
        var url = $"/c/{c.Code}/votes/{vote.Id}";
        var counter = _factory.Services.GetRequiredService<StatementCounter>();
        var page = await client.GetDocumentAsync(url);

        counter.Watching = "handler=Cast";
        counter.Reset();
        var first = await client.SubmitFormAsync(page, new Dictionary<string, string> { [$"Choice[{matter}]"] = "agree" }, ".ballot-form");
        var firstCount = counter.Count;
        var firstTexts = counter.Texts;
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        page = await client.GetDocumentAsync(url);
        counter.Reset();
        var change = await client.SubmitFormAsync(page, new Dictionary<string, string> { [$"Choice[{matter}]"] = "oppose" }, ".ballot-form");
        var changeCount = counter.Count;
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);

        Assert.True(firstCount <= FirstCastBudget, $"the first cast ran {firstCount} statements:\n{string.Join("\n", firstTexts)}");
        Assert.True(changeCount <= FirstCastBudget - 3 + 1, $"changing the ballot ran {changeCount} statements:\n{string.Join("\n", counter.Texts)}");
        Assert.True(firstCount >= 5, $"only {firstCount} statements counted: the counter does not see the cast");
        var tally = (await _factory.TallyAsync(vote.Id)).Single();
        Assert.Equal(1, tally.Oppose.Owners);
        Assert.True((await _factory.VerifyAsync(vote.Id)).Ok);
    }
}
