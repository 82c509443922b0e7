using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

/// <summary>
/// An EF compiled query for a hot path, compiled once per provider: a compiled query keeps the SQL of the first
/// context it runs on, so SQLite and PostgreSQL in one process (as in the tests) each get their own.
/// </summary>
public sealed class CompiledQuery<TArg1, TArg2, TResult>(
    Expression<Func<PortalDb, TArg1, TArg2, CancellationToken, TResult>> query)
{
    private readonly ConcurrentDictionary<Type, Func<PortalDb, TArg1, TArg2, CancellationToken, Task<TResult>>> _byProvider = new();

    public Task<TResult> RunAsync(PortalDb db, TArg1 a1, TArg2 a2, CancellationToken ct) =>
        _byProvider.GetOrAdd(db.GetType(), _ => EF.CompileAsyncQuery(query))(db, a1, a2, ct);
}

/// <summary>As <see cref="CompiledQuery{TArg1,TArg2,TResult}"/>, with four arguments.</summary>
public sealed class CompiledQuery<TArg1, TArg2, TArg3, TArg4, TResult>(
    Expression<Func<PortalDb, TArg1, TArg2, TArg3, TArg4, CancellationToken, TResult>> query)
{
    private readonly ConcurrentDictionary<Type, Func<PortalDb, TArg1, TArg2, TArg3, TArg4, CancellationToken, Task<TResult>>> _byProvider = new();

    public Task<TResult> RunAsync(PortalDb db, TArg1 a1, TArg2 a2, TArg3 a3, TArg4 a4, CancellationToken ct) =>
        _byProvider.GetOrAdd(db.GetType(), _ => EF.CompileAsyncQuery(query))(db, a1, a2, a3, a4, ct);
}
