using System.Security.Cryptography;
using System.Text;

namespace Portal.Notifications.Sms;

/// <summary>
/// Aliyun RPC signature version 1.0: HMAC-SHA1, keyed with AccessKeySecret + "&amp;", over
/// METHOD + "&amp;%2F&amp;" + percentEncode(canonical query), the query being the parameters sorted by name
/// (ordinal), each name and value percent-encoded per RFC 3986 (space %20, * %2A, ~ kept).
/// </summary>
public static class AliyunSignature
{
    public static string PercentEncode(string value)
    {
        var sb = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }

    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join("&", parameters.Where(p => p.Key != "Signature").OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => PercentEncode(p.Key) + "=" + PercentEncode(p.Value)));

    public static string StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters) =>
        method.ToUpperInvariant() + "&" + PercentEncode("/") + "&" + PercentEncode(CanonicalQuery(parameters));

    public static string Sign(string accessKeySecret, string stringToSign) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret + "&"), Encoding.UTF8.GetBytes(stringToSign)));
}
