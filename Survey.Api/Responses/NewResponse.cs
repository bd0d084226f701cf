using Survey.Api.Model;

namespace Survey.Api.Responses;

/// <summary>
/// A validated submission ready to be stored: its id and its submission time (rounded down to the minute, see
/// <see cref="RoundToMinute"/>). The API, the group-commit writer and <c>script/import</c> all store this one shape.
/// </summary>
public sealed record NewResponse(Guid Id, DateTime SubmittedAt, ResponseSubmission Submission)
{
    /// <summary>Rounded down to the minute: enough for date filters, less to identify anyone by.</summary>
    public static DateTime RoundToMinute(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    public static NewResponse Create(ResponseSubmission submission, DateTime submittedAtUtc) =>
        new(Guid.NewGuid(), RoundToMinute(submittedAtUtc), submission);

    /// <summary>The stored rows: the response, one row per chosen option, one per "other" text and per text answer.</summary>
    public SurveyResponse ToEntity(Questionnaire questionnaire)
    {
        var response = new SurveyResponse
        {
            Id = Id, QuestionnaireId = questionnaire.Id, QuestionnaireVersion = questionnaire.Version, SubmittedAt = SubmittedAt,
        };
        foreach (var question in questionnaire.Questions)
        {
            foreach (var optionId in Submission.ChosenOptions(question.Id))
                response.Answers.Add(new ResponseAnswer { ResponseId = Id, QuestionnaireId = questionnaire.Id, QuestionId = question.Id, OptionId = optionId });
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
