using Portal.Domain.Register;
using Portal.Domain.Residents;

namespace Portal.Features.Home;

/// <summary>
/// One thing the signed-in person should do now in a compound: what, by when, and where to do it.
/// Text and Action are already in the reader's language.
/// </summary>
public sealed record TodoItem(string Kind, string Text, string Action, string Href, DateTimeOffset? Due);

/// <summary>Who is asking: the compound, what they may do there, and their account.</summary>
public sealed record TodoViewer(Compound Compound, Membership Membership, string UserId);

/// <summary>One feature's open to-dos for a viewer. Sources only read.</summary>
public interface ITodoSource
{
    Task<IReadOnlyList<TodoItem>> ForAsync(TodoViewer viewer, CancellationToken ct);
}

/// <summary>Everything the viewer should do now, soonest deadline first.</summary>
public sealed class TodoList(IEnumerable<ITodoSource> sources)
{
    public async Task<List<TodoItem>> ForAsync(TodoViewer viewer, CancellationToken ct)
    {
        var all = new List<TodoItem>();
        foreach (var source in sources)
            all.AddRange(await source.ForAsync(viewer, ct));
        return all.OrderBy(t => t.Due ?? DateTimeOffset.MaxValue).ThenBy(t => t.Kind, StringComparer.Ordinal).ToList();
    }
}
