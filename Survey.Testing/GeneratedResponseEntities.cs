using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Infrastructure;
using Survey.Api.Model;

namespace Survey.Testing;

/// <summary>Generated responses as stored rows, for bulk loading (test fixtures and the benchmark).</summary>
public static class GeneratedResponseEntities
{
    /// <summary>
    /// Inserts the responses in batches straight into the database, then refreshes the planner's statistics: a bulk
    /// load outruns autovacuum, and without statistics PostgreSQL plans the answer self-join as a nested loop over
    /// every row (seen: over 30 s for 20,000 responses). Real data arrives a response at a time.
    /// </summary>
    public static async Task BulkLoadAsync(IServiceProvider services, Questionnaire questionnaire, IReadOnlyList<SyntheticResponses.Generated> generated)
    {
        foreach (var batch in generated.Select((response, index) => (response, index)).Chunk(2000))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Responses.AddRange(batch.Select(g => ToEntity(questionnaire, g.response, g.index)));
            await db.SaveChangesAsync();
        }
        await using var analyse = services.CreateAsyncScope();
        await analyse.ServiceProvider.GetRequiredService<SurveyDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");
    }

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
