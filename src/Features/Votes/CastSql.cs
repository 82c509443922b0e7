namespace Portal.Features.Votes;

/// <summary>
/// An owner's online ballot on PostgreSQL, as one batch sent in one round trip and run in one implicit transaction
/// (see <see cref="BallotWriter.CastOnlineAsync"/>). The first statement takes the vote's row lock; each later statement
/// starts after it and so reads what the vote's previous writer committed. Every statement after the lock writes only
/// if the ballot was written (the current ballot holds this cast's receipt), so a vote that stopped taking ballots
/// changes nothing. Parameters are positional; each statement returns rows so the reader can tell them apart.
/// </summary>
internal static class CastSql
{
    /// <summary>$1 vote, $2 the open status, $3 now.</summary>
    public const string Lock = """
        SELECT 1 FROM "Vote" WHERE "Id" = $1 AND "Status" = $2 AND "ClosesAt" > $3 FOR UPDATE
        """;

    /// <summary>
    /// The history row and the owner's current ballot, one version on from the current one: $1 vote, $2 owner,
    /// $3 choices text, $4 receipt, $5 channel, $6 now, $7 cast by, $8 the open status. Returns the version.
    /// </summary>
    public const string Ballot = """
        WITH taking AS (
            SELECT 1 FROM "Vote" WHERE "Id" = $1 AND "Status" = $8 AND "ClosesAt" > $6
        ), bv AS (
            INSERT INTO "BallotVersion" ("VoteId", "OwnerOfRecordId", "Version", "ChoicesText", "ReceiptCode", "Channel", "CastAt", "CastBy")
            SELECT $1, $2, COALESCE((SELECT "Version" FROM "CurrentBallot" WHERE "VoteId" = $1 AND "OwnerOfRecordId" = $2), 0) + 1,
                   $3, $4, $5, $6, $7
            FROM taking
            RETURNING "Id", "Version"
        )
        INSERT INTO "CurrentBallot" ("VoteId", "OwnerOfRecordId", "Version", "ReceiptCode", "BallotVersionId", "CastAt")
        SELECT $1, $2, bv."Version", $4, bv."Id", $6 FROM bv
        ON CONFLICT ("VoteId", "OwnerOfRecordId") DO UPDATE SET "Version" = EXCLUDED."Version", "ReceiptCode" = EXCLUDED."ReceiptCode",
            "BallotVersionId" = EXCLUDED."BallotVersionId", "CastAt" = EXCLUDED."CastAt"
        RETURNING "Version"
        """;

    /// <summary>The current choice per matter: $1 vote, $2 owner, $3 receipt, $4 matters, $5 choices, $6 options.</summary>
    public const string Choices = """
        INSERT INTO "CurrentChoice" ("VoteId", "OwnerOfRecordId", "MatterId", "Choice", "OptionId")
        SELECT $1, $2, t.m, t.c, t.o FROM unnest($4::bigint[], $5::integer[], $6::bigint[]) AS t(m, c, o)
        WHERE EXISTS (SELECT 1 FROM "CurrentBallot" WHERE "VoteId" = $1 AND "OwnerOfRecordId" = $2 AND "ReceiptCode" = $3)
        ON CONFLICT ("VoteId", "OwnerOfRecordId", "MatterId") DO UPDATE SET "Choice" = EXCLUDED."Choice", "OptionId" = EXCLUDED."OptionId"
        RETURNING 1
        """;

    /// <summary>
    /// The audit entry after the chain's last one, hashed as <see cref="Portal.Domain.Votes.VoteAuditEntry.ComputeHash"/>
    /// does: SHA-256 of the previous hash and the entry's canonical JSON, whose payload ends with the version.
    /// $1 vote, $2 owner, $3 receipt, $4 at, $5 actor, $6 the payload up to the version, $7 <c>,"actor":…,"payload":</c>,
    /// $8 the genesis hash, $9 the action of a first ballot, $10 of a changed one. Returns the sequence.
    /// </summary>
    public const string Audit = """
        WITH cb AS (
            SELECT "Version" FROM "CurrentBallot" WHERE "VoteId" = $1 AND "OwnerOfRecordId" = $2 AND "ReceiptCode" = $3
        ), last AS (
            SELECT "Sequence", "Hash" FROM "VoteAuditEntry" WHERE "VoteId" = $1 ORDER BY "Sequence" DESC LIMIT 1
        ), n AS (
            SELECT cb."Version" AS v,
                   COALESCE((SELECT "Sequence" FROM last), 0) + 1 AS seq,
                   COALESCE((SELECT "Hash" FROM last), $8) AS prev,
                   CASE WHEN cb."Version" = 1 THEN $9 ELSE $10 END AS action
            FROM cb
        )
        INSERT INTO "VoteAuditEntry" ("VoteId", "Sequence", "At", "Action", "Actor", "PayloadJson", "PreviousHash", "Hash")
        SELECT $1, n.seq, $4, n.action, $5, $6 || n.v::text || '}', n.prev,
               encode(sha256(convert_to(n.prev || '{"action":"' || n.action || '"' || $7 || $6 || n.v::text || '}'
                   || ',"sequence":' || n.seq::text || ',"vote_id":' || $1::text || '}', 'UTF8')), 'hex')
        FROM n
        RETURNING "Sequence"
        """;

    /// <summary>
    /// A notification stored with the ballot: $1 kind, $2 compound, $3 audience, $4 link, $5 values, $6 raised at,
    /// $7 vote, $8 owner, $9 receipt. Returns its id, for the fan-out job.
    /// </summary>
    public const string Notice = """
        INSERT INTO "NotificationEvent" ("Kind", "CompoundId", "AudienceJson", "Link", "ValuesJson", "RaisedAt")
        SELECT $1, $2, $3, $4, $5, $6
        WHERE EXISTS (SELECT 1 FROM "CurrentBallot" WHERE "VoteId" = $7 AND "OwnerOfRecordId" = $8 AND "ReceiptCode" = $9)
        RETURNING "Id"
        """;
}
