using PhoneNumbers;

namespace Portal.Features.Accounts;

/// <summary>A phone number as typed, read with libphonenumber: +86 by default, mobiles only, kept in E.164.</summary>
public static class PhoneNumberRules
{
    public const string DefaultRegion = "CN";
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The E.164 form, or null and the error key (Phone_Invalid, Phone_Foreign, Phone_NotMobile).</summary>
    public static (string? E164, string? ErrorKey) Parse(string? input, bool allowForeign = false)
    {
        if (string.IsNullOrWhiteSpace(input)) return (null, "Phone_Invalid");
        PhoneNumber number;
        try { number = Util.Parse(input.Trim(), DefaultRegion); }
        catch (NumberParseException) { return (null, "Phone_Invalid"); }
        if (!Util.IsValidNumber(number)) return (null, "Phone_Invalid");
        if (!allowForeign && Util.GetRegionCodeForNumber(number) != DefaultRegion) return (null, "Phone_Foreign");
        var type = Util.GetNumberType(number);
        if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE)) return (null, "Phone_NotMobile");
        return (Util.Format(number, PhoneNumberFormat.E164), null);
    }

    /// <summary>The national number for a Chinese mobile ("13800138000"), the form Aliyun expects; other numbers keep E.164 digits.</summary>
    public static string ForSms(string e164) =>
        e164.StartsWith("+86", StringComparison.Ordinal) ? e164[3..] : e164.TrimStart('+');

    /// <summary>Shown masked everywhere but the committee's register pages: 138****8000.</summary>
    public static string Mask(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return "";
        var digits = phone.StartsWith("+86", StringComparison.Ordinal) ? phone[3..] : phone.TrimStart('+');
        return digits.Length < 7 ? new string('*', digits.Length) : digits[..3] + "****" + digits[^4..];
    }

    /// <summary>A name shown to other people: if it is a phone number (typed as the name, say), masked; else as it is.</summary>
    public static string MaskIfPhone(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Count(char.IsAsciiDigit) < 7) return name ?? "";
        return Parse(name, allowForeign: true).E164 is { } e164 ? Mask(e164) : name;
    }
}
