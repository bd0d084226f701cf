using Survey.Api.Model;

namespace Survey.Api.Results;

/// <summary>Turns the SQL aggregates into the results document, in questionnaire order.</summary>
public static class ResultsBuilder
{
    public static QuestionnaireResults Build(Questionnaire questionnaire, ResponseCounts counts) => new(
        questionnaire.Id,
        counts.Responses,
        questionnaire.Questions.Select(question =>
        {
            var answered = counts.Answered.GetValueOrDefault(question.Id);
            var shown = counts.Shown.GetValueOrDefault(question.Id);
            var options = question.OptionList.Select(option =>
            {
                var count = counts.OptionCounts.GetValueOrDefault((question.Id, option.Id));
                return new OptionResult(option.Id, option.Label, count, answered == 0 ? null : Math.Round(100.0 * count / answered, 2));
            }).ToList();
            var texts = counts.Texts.Where(t => t.Question == question.Id)
                .Select(t => new OtherTextCount(t.Option, t.Text, t.Count)).ToList();
            return new QuestionResult(question.Id, question.Type.ToString().ToLowerInvariant(), answered, shown - answered, options, texts);
        }).ToList());
}
