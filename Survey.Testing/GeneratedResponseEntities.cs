using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Infrastructure;
using Survey.Api.Model;
using Survey.Core.Patterns;

namespace Survey.Testing;

/// <summary>Generated responses as stored rows, for bulk loading (test fixtures and the benchmark).</summary>
public static class GeneratedResponseEntities
{
    /// <summary>
    /// Inserts the responses in batches straight into the database (numbered and encoded as the API stores them),
    /// then refreshes the planner's statistics: a bulk load outruns autovacuum. Real data arrives a response at a time.
    /// </summary>
    public static async Task BulkLoadAsync(IServiceProvider services, Questionnaire questionnaire, IReadOnlyList<SyntheticResponses.Generated> generated)
    {
        var layout = await services.GetRequiredService<AnswerLayouts>().GetAsync(questionnaire);
        foreach (var batch in generated.Select((response, index) => (response, index)).Chunk(10_000))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            await ResponseWriter.WriteAsync(db, questionnaire.Id, batch.Select(g => ToEntity(questionnaire, layout, g.response, g.index)).ToList(), [], default);
        }
        await using var analyse = services.CreateAsyncScope();
        await analyse.ServiceProvider.GetRequiredService<SurveyDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");
    }

    /// <param name="index">Position in the generated list: spreads submissions over the last 30 days, whole minutes as the store records them.</param>
    public static SurveyResponse ToEntity(Questionnaire questionnaire, AnswerLayout layout, SyntheticResponses.Generated generated, int index)
    {
        var response = new SurveyResponse
        {
            Id = Guid.NewGuid(),
            QuestionnaireId = questionnaire.Id,
            QuestionnaireVersion = questionnaire.Version,
            SubmittedAt = DateTime.UtcNow.Date.AddDays(-(index % 30)).AddMinutes(index * 7 % 1440),
            Patterns = layout.Encode(generated.Answers.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value)),
        };
        foreach (var (question, text) in generated.OtherText)
            response.Texts.Add(new ResponseText { QuestionnaireId = questionnaire.Id, QuestionId = question, OptionId = questionnaire.FindQuestion(question)!.OptionList.First(o => o.AllowsText).Id, Text = text });
        foreach (var (question, text) in generated.Text)
            response.Texts.Add(new ResponseText { QuestionnaireId = questionnaire.Id, QuestionId = question, Text = text });
        return response;
    }
}
