using Portal.Domain.Shared;

namespace Portal.Domain.Projects;

/// <summary>
/// The owners' rating of one completed plan item: 1–5 per flat in the item's scope, with an optional comment.
/// Opens when the item is completed; answers can be changed until it closes (at acceptance or its closing time).
/// </summary>
public class SatisfactionSurvey
{
    private SatisfactionSurvey() { }

    public static SatisfactionSurvey OpenFor(PlanItem item, DateTimeOffset opensAt, TimeSpan duration)
    {
        if (item.Status != PlanItemStatus.Completed)
            throw new DomainException("survey.item_not_completed", "A survey opens when the item is completed.");
        if (duration <= TimeSpan.Zero)
            throw new DomainException("survey.duration", "A survey must stay open for some time.");
        return new SatisfactionSurvey
        {
            PlanItemId = item.Id,
            CompoundId = item.CompoundId,
            OpensAt = opensAt,
            ClosesAt = opensAt + duration,
        };
    }

    public static readonly TimeSpan DefaultDuration = TimeSpan.FromDays(30);

    public long Id { get; private set; }
    public long PlanItemId { get; private set; }
    public long CompoundId { get; private set; }
    public DateTimeOffset OpensAt { get; private set; }
    public DateTimeOffset ClosesAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public bool IsOpenAt(DateTimeOffset now) => ClosedAt is null && now >= OpensAt && now < ClosesAt;

    public void Close(DateTimeOffset at)
    {
        if (ClosedAt is not null) return;
        ClosedAt = at < ClosesAt ? at : ClosesAt;
    }

    /// <summary>A first answer for <paramref name="flatId"/>; the caller checks the flat is the answerer's and in scope.</summary>
    public SurveyAnswer Answer(long flatId, int rating, string? comment, string answeredBy, DateTimeOffset at)
    {
        EnsureOpen(at);
        return new SurveyAnswer(Id, CompoundId, flatId, SurveyAnswer.Checked(rating), SurveyAnswer.Tidy(comment), answeredBy, at);
    }

    public void Change(SurveyAnswer answer, int rating, string? comment, string answeredBy, DateTimeOffset at)
    {
        if (answer.SurveyId != Id) throw new DomainException("survey.wrong_survey", "That answer belongs to another survey.");
        EnsureOpen(at);
        answer.Change(SurveyAnswer.Checked(rating), SurveyAnswer.Tidy(comment), answeredBy, at);
    }

    private void EnsureOpen(DateTimeOffset at)
    {
        if (!IsOpenAt(at))
            throw new DomainException("survey.closed", "This survey is closed.");
    }
}

/// <summary>One flat's rating (unique per survey and flat).</summary>
public class SurveyAnswer
{
    private SurveyAnswer() { }

    internal SurveyAnswer(long surveyId, long compoundId, long flatId, int rating, string? comment, string answeredBy, DateTimeOffset at)
    {
        SurveyId = surveyId;
        CompoundId = compoundId;
        FlatId = flatId;
        Rating = rating;
        Comment = comment;
        AnsweredBy = answeredBy;
        AnsweredAt = at;
    }

    public long Id { get; private set; }
    public long SurveyId { get; private set; }
    public long CompoundId { get; private set; }
    public long FlatId { get; private set; }
    public int Rating { get; private set; }
    public string? Comment { get; private set; }
    public string AnsweredBy { get; private set; } = "";
    public DateTimeOffset AnsweredAt { get; private set; }

    internal void Change(int rating, string? comment, string answeredBy, DateTimeOffset at)
    {
        Rating = rating;
        Comment = comment;
        AnsweredBy = answeredBy;
        AnsweredAt = at;
    }

    internal static int Checked(int rating) => rating is >= 1 and <= 5
        ? rating
        : throw new DomainException("survey.rating_out_of_range", "Rate from 1 to 5.");

    internal static string? Tidy(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment)) return null;
        comment = comment.Trim();
        return comment.Length <= 1000 ? comment : throw new DomainException("survey.comment_too_long", "A comment can be at most 1000 characters.");
    }
}

/// <summary>A survey's results: average in hundredths (4.25 → 425) and participation as answered flats of flats in scope.</summary>
public sealed record SurveyResults(int Answers, int FlatsInScope, int AverageHundredths, IReadOnlyList<int> CountByRating)
{
    public static SurveyResults Of(IReadOnlyCollection<int> ratings, int flatsInScope)
    {
        var counts = Enumerable.Range(1, 5).Select(r => ratings.Count(x => x == r)).ToList();
        var average = ratings.Count == 0 ? 0 : (int)Math.Round(ratings.Sum() * 100m / ratings.Count, MidpointRounding.AwayFromZero);
        return new SurveyResults(ratings.Count, flatsInScope, average, counts);
    }

    /// <summary>Participation in basis points (answered flats / flats in scope).</summary>
    public int ParticipationBasisPoints => FlatsInScope == 0 ? 0 : (int)(Answers * 10_000L / FlatsInScope);
}
