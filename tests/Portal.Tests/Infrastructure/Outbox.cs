using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Notifications.Email;

namespace Portal.Tests.Infrastructure;

public static partial class Outbox
{
    public static Task<List<EmailMessage>> MessagesToAsync(this PortalFactory factory, string to) =>
        factory.WithDb(db => db.Set<EmailMessage>().AsNoTracking().Where(m => m.To == to).OrderBy(m => m.Id).ToListAsync());

    /// <summary>The first link in the newest email of <paramref name="kind"/> to <paramref name="to"/>, as a path and query.</summary>
    public static async Task<string> LinkInLatestAsync(this PortalFactory factory, string to, string kind)
    {
        var message = (await factory.MessagesToAsync(to)).LastOrDefault(m => m.Kind == kind)
                      ?? throw new InvalidOperationException($"no {kind} email to {to}");
        var url = Link().Match(message.TextBody).Value;
        Assert.False(string.IsNullOrEmpty(url), $"no link in the {kind} email");
        return new Uri(url).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
