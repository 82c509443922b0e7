using Microsoft.Extensions.Localization;
using Portal.Domain.Register;

namespace Portal.Features.Shared;

/// <summary>
/// The foot of a printed letter or notice: who issues it, on which date, and where to ask without a smartphone.
/// The issuer is the signing body's real name (<see cref="ConvenerName"/>); a compound whose committee has not filled in
/// its help desk prints the building lead / 居委会 line.
/// </summary>
public sealed record PrintedBy(string IssuingUnit, string IssuedOn, IReadOnlyList<string> HelpLines)
{
    public static PrintedBy Of(Compound compound, string issuedBy, DateTimeOffset issuedAt, IStringLocalizer<SharedText> s)
    {
        var help = new List<string>();
        if (compound.HelpPhone is { } phone) help.Add(s["Print_HelpPhone", phone]);
        if (compound.HelpPlace is { } place) help.Add(s["Print_HelpPlace", place]);
        if (compound.HelpHours is { } hours) help.Add(s["Print_HelpHours", hours]);
        if (help.Count == 0) help.Add(s["Print_HelpFallback"]);
        return new PrintedBy(issuedBy, Shanghai.FormatLongDate(issuedAt), help);
    }
}
