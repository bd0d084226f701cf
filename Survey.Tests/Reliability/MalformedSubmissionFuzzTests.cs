using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Reliability;

/// <summary>
/// 10,000 generated malformed submissions per database, through HTTP (JSON API and the classic form): invalid UTF-8,
/// escaped lone surrogates in names and values, truncation, byte flips, deep nesting, wrong types, huge and odd
/// values, mangled form encoding. Every body lacks the required "identity" answer, so none may be stored whatever
/// the mutation. Expected: no 5xx, nothing stored, no error or stack trace in the log. Seeded: the same run each time.
/// </summary>
public abstract class MalformedSubmissionFuzzTests(SurveyAppFactory app)
{
    private const int Bodies = 10_000;
    private const string Api = "/api/questionnaires/grassroots-service/responses";
    private const string Form = "/q/grassroots-service";

    private static readonly string[] Seeds =
    [
        """{"answers":{"necessity":["worth-trying"],"satisfying-ways":["proxy-service","other"]},"otherText":{"satisfying-ways":"路灯"}}""",
        """{"answers":{"problems":["superficial"]},"text":{"necessity":"好"}}""",
        """{"otherText":{"urgent-needs":"修路"},"answers":{}}""",
    ];

    private static readonly string[] Fragments =
    [
        "\\ud800", "\\udfff", "\\u0000", "\"", "\\", "{", "}", "[", "]", ":", ",", "null", "NaN", "1e999999", "-0", "true",
        "\"answers\"", "\"identity\"", "{\"\\ud800\":1}", new string('[', 40), "\u202e", "\ufeff", "字",
    ];

    [Fact]
    public async Task Ten_thousand_malformed_bodies_get_no_5xx_store_nothing_and_log_no_error()
    {
        var random = new Random(20261125);
        var requests = Enumerable.Range(0, Bodies).Select(i => i % 5 == 4 ? FormBody(random) : (Api, JsonBody(random), "application/json")).ToList();
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var before = await app.RowCountsAsync(); // (the host is started: start-up log lines are not counted below)
        var logged = app.Logs.Entries.Count;
        var statuses = new int[600];
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, cancellationToken) =>
        {
            var content = new ByteArrayContent(request.Item2);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.Item3);
            using var response = await client.PostAsync(request.Item1, content, cancellationToken);
            Interlocked.Increment(ref statuses[(int)response.StatusCode]);
        });
        var summary = string.Join(", ", statuses.Select((n, status) => (n, status)).Where(s => s.n > 0).Select(s => $"{s.status}x{s.n}"));
        Assert.True(statuses.Skip(500).Sum() == 0, summary);
        Assert.True(statuses[201] + statuses[303] == 0, summary);
        Assert.Equal(Bodies, statuses.Sum());
        Assert.Equal(before, await app.RowCountsAsync());
        var errors = app.Logs.Entries.Skip(logged).Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error || e.Exception is not null).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(3)));
    }

    private static byte[] JsonBody(Random random)
    {
        var text = Seeds[random.Next(Seeds.Length)];
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        for (var mutations = random.Next(1, 4); mutations > 0 && bytes.Count > 0; mutations--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0: bytes[at] = (byte)random.Next(256); break; // any byte, invalid UTF-8 included
                case 1: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)])); break;
                case 2: bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 8))); break;
                case 3: bytes.InsertRange(at, [0xC3, 0x28, 0xED, 0xA0, 0x80, 0xFF]); break; // overlong, surrogate, invalid lead
                case 4: bytes = bytes.Take(at).ToList(); break; // truncated
                default: bytes.InsertRange(at, Encoding.UTF8.GetBytes("\"\\ud83d" + (char)random.Next('a', 'z') + "\":")); break;
            }
        }
        return bytes.ToArray();
    }

    private static (string, byte[], string) FormBody(Random random)
    {
        string[] fields = ["a:necessity=worth-trying", "a:satisfying-ways=other", "other:satisfying-ways=%E8%B7%AF", "key=abc", "a:problems=superficial"];
        string[] junk = ["%FF", "%ED%A0%80", "%C3%28", "%", "%%", "&&", "==", "a:=x", "other:satisfying-ways=", "text:x=" + new string('y', 300),
            new string('k', 300) + "=1", "key=" + new string('z', 200), "key=\u0001", "a:necessity=worth-trying&a:necessity=unnecessary", "%00"];
        var parts = fields.Where(_ => random.Next(2) == 0).Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => junk[random.Next(junk.Length)])).ToList();
        var body = string.Join("&", parts.OrderBy(_ => random.Next()));
        var bytes = Encoding.UTF8.GetBytes(body).ToList();
        if (random.Next(3) == 0 && bytes.Count > 0) bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
        return (Form, bytes.ToArray(), "application/x-www-form-urlencoded");
    }
}

public sealed class MalformedSubmissionFuzzSqliteTests(SqliteApp app) : MalformedSubmissionFuzzTests(app), IClassFixture<SqliteApp>;

public sealed class MalformedSubmissionFuzzPostgresTests(PostgresApp app) : MalformedSubmissionFuzzTests(app), IClassFixture<PostgresApp>;
