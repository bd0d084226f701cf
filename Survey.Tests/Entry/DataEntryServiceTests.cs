using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Entry;
using Survey.Api.Model;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Entry;

/// <summary>
/// Double entry at the service: accepting a batch from two requests at once writes its forms once; a form whose copy
/// is missing is one difference; and the option keys of the entry screen (1–0, then Q–P).
/// </summary>
public abstract class DataEntryServiceTests(SurveyAppFactory app)
{
    private const string Id = "grassroots-service";

    private static readonly System.Security.Claims.ClaimsPrincipal Clerk =
        new(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "录入员甲")], "test"));

    private Questionnaire Questionnaire => app.Services.GetRequiredService<QuestionnaireCatalog>().Find(Id)!;

    private static ResponseSubmission Answer(string identity) => new(
        new Dictionary<string, IReadOnlyList<string>> { ["identity"] = [identity] }, new Dictionary<string, string>(), new Dictionary<string, string>());

    private async Task<T> WithServiceAsync<T>(Func<DataEntryService, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<DataEntryService>());
    }

    [Fact]
    public async Task Two_accepts_at_once_write_the_agreed_forms_exactly_once()
    {
        var batch = await WithServiceAsync(s => s.CreateBatchAsync(Clerk, Questionnaire, "西街社区 第1箱", default));
        string[] identities = ["resident", "cadre", "member", "resident"];
        foreach (var copy in new[] { DataEntryService.CopyA, DataEntryService.CopyB })
            for (var n = 0; n < identities.Length; n++)
                Assert.True(await WithServiceAsync(s => s.SaveFormAsync(Clerk, batch, copy, n + 1, Answer(identities[n]), null, default)));
        var before = await app.QueryAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == Id));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => WithServiceAsync(s => s.AcceptAsync(Clerk, Questionnaire, batch, default)))));

        Assert.Equal([identities.Length], outcomes.OfType<int>());
        Assert.Equal(3, outcomes.Count(o => o is null));
        var written = await app.QueryAsync(db => db.Responses.AsNoTracking().Where(r => r.QuestionnaireId == Id).OrderBy(r => r.Seq).Skip(before).Select(r => new { r.Id, r.Mode }).ToListAsync());
        Assert.Equal(identities.Length, written.Count);
        Assert.All(written, r => Assert.Equal(ResponseMode.Paper, r.Mode));
        var stored = new List<string>();
        foreach (var response in written) stored.Add(Assert.Single((await app.StoredResponseAsync(response.Id)).Answers));
        Assert.Equal(identities.Select(i => $"identity:{i}"), stored);
        // Recorded once, with the count and never the answers.
        var accepted = await app.QueryAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Action == Survey.Api.Audit.AuditActions.EntryBatchAccepted).ToListAsync());
        var entry = Assert.Single(accepted, e => e.Details!.Contains("西街社区 第1箱"));
        Assert.Equal("录入员甲", entry.Actor);
        Assert.Contains("\"count\":4", entry.Details);
        Assert.DoesNotContain("resident", entry.Details);
        // Accepted: no more forms for it.
        Assert.False(await WithServiceAsync(s => s.SaveFormAsync(Clerk, batch, DataEntryService.CopyA, 9, Answer("member"), null, default)));
    }

    [Fact]
    public async Task A_form_typed_by_one_copy_only_is_a_difference_and_blocks_acceptance()
    {
        var batch = await WithServiceAsync(s => s.CreateBatchAsync(Clerk, Questionnaire, "南村 第2箱", default));
        await WithServiceAsync(s => s.SaveFormAsync(Clerk, batch, DataEntryService.CopyA, 1, Answer("resident"), null, default));
        await WithServiceAsync(s => s.SaveFormAsync(Clerk, batch, DataEntryService.CopyB, 1, Answer("resident"), null, default));
        await WithServiceAsync(s => s.SaveFormAsync(Clerk, batch, DataEntryService.CopyA, 2, Answer("cadre"), null, default));

        var comparison = await WithServiceAsync(s => s.CompareAsync(Questionnaire, batch, default));

        Assert.Equal(new EntryDifference(2, null, 0, "整张问卷", "已录入", "未录入"), Assert.Single(comparison.Differences));
        Assert.False(comparison.CanAccept);
        Assert.Null(await WithServiceAsync(s => s.AcceptAsync(Clerk, Questionnaire, batch, default)));
    }

    [Theory]
    [InlineData(0, "1")]
    [InlineData(8, "9")]
    [InlineData(9, "0")]
    [InlineData(10, "Q")]
    [InlineData(19, "P")]
    [InlineData(20, null)]
    public void Option_keys_are_the_digit_row_then_the_letter_row_below_it(int index, string? key) => Assert.Equal(key, EntryKeys.Of(index));
}

public sealed class DataEntryServiceSqliteTests(SqliteApp app) : DataEntryServiceTests(app), IClassFixture<SqliteApp>;

public sealed class DataEntryServicePostgresTests(PostgresApp app) : DataEntryServiceTests(app), IClassFixture<PostgresApp>;
