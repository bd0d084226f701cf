using System.Runtime.CompilerServices;
using Survey.Api.Model;
using Survey.Core.Patterns;

namespace Survey.Api.Responses;

/// <summary>
/// A validated submission ready to be stored: its id and its submission time (rounded down to the minute, see
/// <see cref="RoundToMinute"/>). The API, the group-commit writer and <c>script/import</c> all store this one shape.
/// </summary>
public sealed record NewResponse(Guid Id, DateTime SubmittedAt, ResponseSubmission Submission)
{
    /// <summary>How it reached the database (web unless data entry or an import says otherwise).</summary>
    public ResponseMode Mode { get; init; } = ResponseMode.Web;

    /// <summary>Rounded down to the minute: enough for date filters, less to identify anyone by.</summary>
    public static DateTime RoundToMinute(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    public static NewResponse Create(ResponseSubmission submission, DateTime submittedAtUtc, ResponseMode mode = ResponseMode.Web) =>
        new(Guid.NewGuid(), RoundToMinute(submittedAtUtc), submission) { Mode = mode };

    /// <summary>
    /// The stored rows: one response row with every choice answer in its compact pattern (<paramref name="layout"/>),
    /// one row per "other" text and per text answer. <see cref="SurveyResponse.Seq"/> is set by the writer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SurveyResponse ToEntity(AnswerLayout layout)
    {
        var questionnaire = layout.Questionnaire;
        var response = new SurveyResponse
        {
            Id = Id, QuestionnaireId = questionnaire.Id, QuestionnaireVersion = questionnaire.Version, SubmittedAt = SubmittedAt, Mode = Mode,
            Patterns = layout.Encode(Submission.Answers),
        };
        foreach (var question in questionnaire.Questions)
        {
            if (Submission.OtherText.TryGetValue(question.Id, out var other) && other.Length > 0)
                response.Texts.Add(new ResponseText
                {
                    ResponseId = Id, QuestionnaireId = questionnaire.Id, QuestionId = question.Id,
                    OptionId = question.OptionList.First(o => o.AllowsText).Id, Text = other,
                });
            if (Submission.Text.TryGetValue(question.Id, out var text) && !string.IsNullOrWhiteSpace(text))
                response.Texts.Add(new ResponseText { ResponseId = Id, QuestionnaireId = questionnaire.Id, QuestionId = question.Id, Text = text });
        }
        return response;
    }
}
