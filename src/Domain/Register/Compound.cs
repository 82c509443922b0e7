namespace Portal.Domain.Register;

/// <summary>A residential compound (小区) in a city's renovation programme.</summary>
public class Compound
{
    private Compound() { }

    public Compound(string code, string name, string city, string district, string address, int? yearBuilt, int? programmeYear)
    {
        Code = NormaliseCode(code);
        Name = name.Trim();
        City = city.Trim();
        District = district.Trim();
        Address = address.Trim();
        YearBuilt = yearBuilt;
        ProgrammeYear = programmeYear;
    }

    public long Id { get; private set; }
    /// <summary>Short stable code used in addresses and commands, e.g. XFHY.</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string City { get; private set; } = "";
    public string District { get; private set; } = "";
    public string Address { get; private set; } = "";
    public int? YearBuilt { get; private set; }
    public int? ProgrammeYear { get; private set; }

    /// <summary>Share of flats in scope, in basis points, whose support sends a proposal to review (default 5%).</summary>
    public int SupportThresholdBasisPoints { get; private set; } = 500;

    /// <summary>Who issues the letters and printed notices (e.g. ××小区业主委员会), and where a resident without a smartphone gets help.
    /// Empty until the committee fills them in; letters then print a fallback line.</summary>
    public string? IssuingUnit { get; private set; }
    public string? HelpPhone { get; private set; }
    public string? HelpPlace { get; private set; }
    public string? HelpHours { get; private set; }

    /// <summary>
    /// The property company serving the compound (物业服务企业, e.g. ××物业服务有限公司): what its staff's notices and
    /// construction updates are signed with. Empty, they sign as the compound's property company.
    /// </summary>
    public string? PropertyCompany { get; private set; }

    public const int HelpDeskFieldMaxLength = 100;

    public void SetHelpDesk(string? issuingUnit, string? helpPhone, string? helpPlace, string? helpHours, string? propertyCompany)
    {
        string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        var values = new[] { Clean(issuingUnit), Clean(helpPhone), Clean(helpPlace), Clean(helpHours), Clean(propertyCompany) };
        if (values.Any(v => v is { Length: > HelpDeskFieldMaxLength }))
            throw new Shared.DomainException("compound.help_desk_too_long", $"Help-desk fields are at most {HelpDeskFieldMaxLength} characters.");
        (IssuingUnit, HelpPhone, HelpPlace, HelpHours, PropertyCompany) = (values[0], values[1], values[2], values[3], values[4]);
    }

    public void Rename(string name, string city, string district, string address, int? yearBuilt, int? programmeYear)
    {
        Name = name.Trim();
        City = city.Trim();
        District = district.Trim();
        Address = address.Trim();
        YearBuilt = yearBuilt;
        ProgrammeYear = programmeYear;
    }

    public void SetSupportThreshold(int basisPoints)
    {
        if (basisPoints is < 1 or > 10_000)
            throw new Shared.DomainException("compound.threshold_out_of_range", "Support threshold must be between 0.01% and 100%.");
        SupportThresholdBasisPoints = basisPoints;
    }

    public static string NormaliseCode(string code) => code.Trim().ToUpperInvariant();

    public static bool IsValidCode(string? code) =>
        !string.IsNullOrWhiteSpace(code) && code.Trim().Length <= 32 &&
        code.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
}
