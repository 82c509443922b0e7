using Portal.Domain.Consultations;

namespace Portal.Features.Consultations;

public static class ConsultationPages
{
    /// <summary>The text key of where a consultation stands at <paramref name="now"/>.</summary>
    public static string StateKey(Consultation c, DateTimeOffset now) =>
        c.IsClosedAt(now) ? "State_Closed" : c.IsOpenAt(now) ? "State_Open" : "State_NotYetOpen";
}
