using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Survey.Tests.Reliability;

/// <summary>
/// Several clients submitting the same complete grassroots answer in a loop until stopped, counting every attempt,
/// every acknowledgement (201, with its id) and every status, so a test can check acknowledged ≤ stored ≤ attempted.
/// Exceptions (connection refused or cut while a server is down) count as attempts that were not acknowledged.
/// </summary>
public sealed class SubmissionLoad
{
    public const string Questionnaire = "grassroots-service";

    /// <summary>Four answered questions, three options in one of them and an "other" text: a half-stored one shows.</summary>
    public const string Body = """{"answers":{"identity":["member"],"necessity":["worth-trying"],"satisfying-ways":["proxy-service","service-centre","other"]},"otherText":{"satisfying-ways":"夜间路灯"}}""";

    private readonly ConcurrentDictionary<Guid, byte> acknowledged = new();
    private readonly ConcurrentDictionary<int, int> statuses = new();
    private int attempted;
    private int failed;

    public int Attempted => attempted;
    public int ConnectionFailures => failed;
    public IReadOnlyCollection<Guid> Acknowledged => acknowledged.Keys.ToList();
    public int Count(HttpStatusCode status) => statuses.GetValueOrDefault((int)status);
    public int ServerErrorsOtherThan503 => statuses.Where(s => s.Key >= 500 && s.Key != 503).Sum(s => s.Value);
    public string Summary => $"attempted {attempted}, acknowledged {acknowledged.Count}, failed to connect {failed}, statuses "
                             + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"));

    /// <summary>Runs <paramref name="clients"/> loops against whichever server <paramref name="pick"/> names, until cancelled.</summary>
    public Task RunAsync(int clients, Func<int, Uri> pick, CancellationToken stop) => Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            Interlocked.Increment(ref attempted);
            try
            {
                using var response = await http.PostAsync(new Uri(pick(client + i), $"/api/questionnaires/{Questionnaire}/responses"),
                    new StringContent(Body, Encoding.UTF8, "application/json"), CancellationToken.None);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Created)
                    acknowledged.TryAdd((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), 0);
                else if ((int)response.StatusCode >= 500) await Task.Delay(50);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failed);
                await Task.Delay(50);
            }
        }
    }));

    /// <summary>
    /// Every stored response is complete: from the organiser results, each of the body's answers (questions, options,
    /// the "other" text) is counted exactly once per stored response.
    /// </summary>
    public static async Task<long> AssertEveryStoredResponseCompleteAsync(HttpClient organiser)
    {
        var results = await organiser.GetFromJsonAsync<JsonElement>($"/api/questionnaires/{Questionnaire}/results");
        var total = results.GetProperty("responses").GetInt64();
        var questions = results.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("questionId").GetString()!);
        long Count(string question, string option) =>
            questions[question].GetProperty("options").EnumerateArray().Single(o => o.GetProperty("optionId").GetString() == option).GetProperty("count").GetInt64();
        Assert.Equal(total, questions["identity"].GetProperty("answered").GetInt64());
        Assert.Equal(total, questions["necessity"].GetProperty("answered").GetInt64());
        Assert.Equal(total, questions["satisfying-ways"].GetProperty("answered").GetInt64());
        Assert.Equal(total, Count("identity", "member"));
        Assert.Equal(total, Count("necessity", "worth-trying"));
        foreach (var option in new[] { "proxy-service", "service-centre", "other" }) Assert.Equal(total, Count("satisfying-ways", option));
        var texts = questions["satisfying-ways"].GetProperty("texts").EnumerateArray().ToList();
        Assert.Equal(total, texts.Where(t => t.GetProperty("text").GetString() == "夜间路灯").Sum(t => t.GetProperty("count").GetInt64()));
        return total;
    }
}
