using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Notifications;
using Portal.Notifications.Email;
using Portal.Notifications.Sms;

using Portal.Features.Admin;

namespace Portal.Pages.Admin;

/// <summary>Every email the portal sent or kept, with failures; the way to follow emails with no email service.</summary>
[Requires(Capability.AdministerPlatform)]
public class OutboxModel(PortalDb db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public EmailStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<EmailMessage> Messages { get; private set; } = [];
    public int Total { get; private set; }
    public Dictionary<EmailStatus, int> Counts { get; private set; } = [];
    public Dictionary<(DeliveryChannel Channel, DeliveryStatus Status), int> DeliveryCounts { get; private set; } = [];
    public List<DeliveryProblem> Problems { get; private set; } = [];
    /// <summary>Sent rows claimed again after a lease ran out: the first worker may have handed them to the provider before dying.</summary>
    public int PossibleDuplicates { get; private set; }
    public List<SmsMessage> Sms { get; private set; } = [];
    public Dictionary<SmsStatus, int> SmsCounts { get; private set; } = [];
    public int SmsTotal => SmsCounts.Values.Sum();

    /// <summary>A notification delivery that failed, or was handed over and never confirmed (a worker died mid-batch).</summary>
    public sealed record DeliveryProblem(long Id, long EventId, NotificationKind Kind, string? To, DeliveryChannel Channel, DeliveryStatus Status, int Attempts, string? Error, DateTimeOffset CreatedAt);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Set<EmailMessage>().AsNoTracking();
        Counts = await query.GroupBy(m => m.Status).Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        if (!string.IsNullOrWhiteSpace(To)) query = query.Where(m => m.To.Contains(To.Trim()));
        if (Status is not null) query = query.Where(m => m.Status == Status);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        Messages = await query.OrderByDescending(m => m.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);

        var sms = db.Set<SmsMessage>().AsNoTracking();
        SmsCounts = await sms.GroupBy(m => m.Status).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        if (!string.IsNullOrWhiteSpace(To)) sms = sms.Where(m => m.To.Contains(To.Trim()));
        Sms = await sms.OrderByDescending(m => m.Id).Take(PageSize).ToListAsync(ct);

        var deliveries = db.Set<Delivery>().AsNoTracking();
        DeliveryCounts = (await deliveries.GroupBy(d => new { d.Channel, d.Status }).Select(g => new { g.Key.Channel, g.Key.Status, N = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => (x.Channel, x.Status), x => x.N);
        PossibleDuplicates = await deliveries.CountAsync(d => d.Status == DeliveryStatus.Sent && d.ExpiredLeases > 0, ct);
        Problems = await (from d in deliveries
                          join e in db.Set<NotificationEvent>() on d.EventId equals e.Id
                          join u in db.Users on d.UserId equals u.Id
                          where d.Status == DeliveryStatus.Failed || d.Status == DeliveryStatus.Sending
                          orderby d.Id descending
                          select new DeliveryProblem(d.Id, d.EventId, e.Kind, u.Email, d.Channel, d.Status, d.Attempts, d.Error, d.CreatedAt))
                         .Take(PageSize).ToListAsync(ct);
    }
}
