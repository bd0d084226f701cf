using Survey.Api.Model;

namespace Survey.Tests.TestSupport;

/// <summary>Generated responses as stored rows, for bulk loading (test fixtures and the benchmark).</summary>
public static class GeneratedResponseEntities
{
    /// <param name="index">Position in the generated list: spreads submissions over the last 30 days, whole minutes as the store records them.</param>
    public static SurveyResponse ToEntity(Questionnaire questionnaire, SyntheticResponses.Generated generated, int index)
    {
        var response = new SurveyResponse
        {
            Id = Guid.NewGuid(),
            QuestionnaireId = questionnaire.Id,
            QuestionnaireVersion = questionnaire.Version,
            SubmittedAt = DateTime.UtcNow.Date.AddDays(-(index % 30)).AddMinutes(index * 7 % 1440),
        };
        foreach (var (question, options) in generated.Answers)
            response.Answers.AddRange(options.Select(option => new ResponseAnswer { QuestionnaireId = questionnaire.Id, QuestionId = question, OptionId = option }));
        foreach (var (question, text) in generated.OtherText)
            response.Texts.Add(new ResponseText { QuestionnaireId = questionnaire.Id, QuestionId = question, OptionId = questionnaire.FindQuestion(question)!.OptionList.First(o => o.AllowsText).Id, Text = text });
        foreach (var (question, text) in generated.Text)
            response.Texts.Add(new ResponseText { QuestionnaireId = questionnaire.Id, QuestionId = question, Text = text });
        return response;
    }
}
