using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Domain.Votes;

public static class AuditActions
{
    public const string Open = "open";
    public const string BallotCast = "ballot.cast";
    public const string BallotChanged = "ballot.changed";
    public const string BallotRecorded = "ballot.recorded";
    public const string Correction = "electorate.correction";
    public const string Close = "close";
    public const string PublishPreliminary = "publish.preliminary";
    public const string PublishFinal = "publish.final";
    public const string ObjectionFiled = "objection.filed";
    public const string ObjectionAnswered = "objection.answered";
    public const string ScrutineersNamed = "count.scrutineers";
    public const string CountSignedOff = "count.signed";
    public const string CountSheetKept = "count.sheet";
    public const string CountCorrected = "count.corrected";
    public const string PaperBallotsIssued = "papers.issued";
    /// <summary>Another of an owner of record's accounts now casts its online ballot.</summary>
    public const string RepresentativeChanged = "representative.changed";
}

/// <summary>
/// One entry of a vote's append-only audit log. Hash = SHA-256(previous hash + canonical JSON of the entry), so
/// changing or removing any entry breaks every later hash. (VoteId, Sequence) is unique: the chain cannot fork.
/// </summary>
public class VoteAuditEntry
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private VoteAuditEntry() { }

    public VoteAuditEntry(long voteId, int sequence, DateTimeOffset at, string action, string actor, string payloadJson, string previousHash)
    {
        VoteId = voteId;
        Sequence = sequence;
        // Whole microseconds, UTC: what every database keeps, so the hash still matches after a round trip.
        At = new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);
        Action = action;
        Actor = actor;
        PayloadJson = Canonical(payloadJson);
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    public long Id { get; private set; }
    public long VoteId { get; private set; }
    public int Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Action { get; private set; } = "";
    public string Actor { get; private set; } = "";
    public string PayloadJson { get; private set; } = "";
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    public string CanonicalJson() =>
        "{\"action\":" + JsonSerializer.Serialize(Action, Options) +
        ",\"actor\":" + JsonSerializer.Serialize(Actor, Options) +
        ",\"at\":" + At.UtcTicks +
        ",\"payload\":" + PayloadJson +
        ",\"sequence\":" + Sequence +
        ",\"vote_id\":" + VoteId + "}";

    public string ComputeHash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PreviousHash + CanonicalJson())));

    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A string as <see cref="CanonicalJson"/> writes it (for entries chained by SQL, see CastSql).</summary>
    public static string JsonString(string value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Object keys sorted, no whitespace: the same payload always hashes the same.</summary>
    public static string Canonical(string json)
    {
        var node = JsonNode.Parse(json);
        return Sort(node)?.ToJsonString(Options) ?? "null";
    }

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };
}
