using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Apis;

/// <summary>
/// The response API's validation rules, storage and idempotency, run against each database
/// (<see cref="ResponsesApiSqliteTests"/>, <see cref="ResponsesApiPostgresTests"/>).
/// </summary>
public abstract class ResponsesApiTests(SurveyAppFactory app)
{
    private const string Grassroots = "/api/questionnaires/grassroots-service/responses";
    private const string Satisfaction = "/api/questionnaires/resident-satisfaction/responses";
    private const string Rules = "/api/questionnaires/test-rules/responses";

    private readonly HttpClient client = app.CreateClient();

    private Task<HttpResponseMessage> PostJson(string url, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    /// <summary>Posts a violating body and checks: 400 problem details naming the question and rule, Chinese message, nothing stored.</summary>
    private async Task AssertRejected(string url, string json, string question, string rule, string messagePart)
    {
        var before = await app.RowCountsAsync();
        var response = await PostJson(url, json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var messages = problem.RootElement.GetProperty("errors").GetProperty(question).EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(messagePart));
        Assert.Contains(problem.RootElement.GetProperty("violations").EnumerateArray(),
            v => v.GetProperty("question").GetString() == question && v.GetProperty("rule").GetString() == rule);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Theory]
    [InlineData("""{"answers":{"identity":["resident"],"mood":["happy"]}}""", "mood", "unknownQuestion", "问卷中没有编号为“mood”的题目")]
    [InlineData("""{"answers":{"identity":["mayor"]}}""", "identity", "unknownOption", "没有编号为“mayor”的选项")]
    [InlineData("""{"answers":{"identity":["resident","cadre"]}}""", "identity", "single", "只能选择1项")]
    [InlineData("""{"answers":{"identity":["resident"],"problems":["showing-off","superficial","no-lasting-mechanism","other"]}}""", "problems", "maxSelections", "最多选择3项")]
    [InlineData("""{"answers":{"necessity":["very-necessary"]}}""", "identity", "required", "必答题")]
    [InlineData("""{"answers":{"identity":["resident"],"services-offered":["policy-advice"]}}""", "services-offered", "visibleIf", "仅限第1题选择“村(社区)“两委”干部”的人回答")]
    [InlineData("""{"answers":{"identity":["member"]},"otherText":{"services-offered":"帮忙"}}""", "services-offered", "visibleIf", "仅限")]
    [InlineData("""{"answers":{"identity":["resident"],"satisfying-ways":["proxy-service"]},"otherText":{"satisfying-ways":"上门服务"}}""", "satisfying-ways", "otherText", "请同时勾选“其他”")]
    [InlineData("""{"answers":{"identity":["resident"]},"otherText":{"urgent-needs":"修路"}}""", "urgent-needs", "otherText", "请同时勾选")]
    [InlineData("""{"answers":{"identity":["resident"],"urgent-needs":["legal-services"]},"otherText":{"urgent-needs":"修路"}}""", "urgent-needs", "otherText", "没有“其他”选项")]
    [InlineData("""{"answers":{"identity":["resident"],"problems":["superficial","superficial"]}}""", "problems", "duplicateOption", "重复选择")]
    [InlineData("""{"answers":{"identity":"resident"}}""", "identity", "type", "数组")]
    [InlineData("""{"answers":{"identity":[1]}}""", "identity", "type", "字符串")]
    [InlineData("""{"answers":{"identity":["resident"]},"otherText":{"problems":42}}""", "problems", "type", "字符串")]
    [InlineData("""{"answers":["identity"]}""", "answers", "type", "对象")]
    [InlineData("""{"answers":{"identity":["resident"]},"extra":true}""", "extra", "unknownField", "未知字段")]
    [InlineData("""["identity"]""", "$", "type", "JSON对象")]
    [InlineData("""{"answers":{"identity":["resident"]""", "$", "json", "不是有效的JSON")]
    [InlineData("""{"answers":{"identity":["resident"]},"text":{"identity":"我是群众"}}""", "identity", "notTextQuestion", "选择题")]
    [InlineData("""{"answers":{"identity":["resident"],"groups-in-need":["other"]},"otherText":{"groups-in-need":"孤寡\u0000老人"}}""", "groups-in-need", "characters", "控制字符")]
    [InlineData("""{"answers":{"identity":["resident"],"groups-in-need":["other"]},"otherText":{"groups-in-need":"\ud800"}}""", "groups-in-need", "encoding", "无效字符")]
    [InlineData("""{"answers":{"identity":["resident"],"identity":["cadre"]}}""", "identity", "duplicateKey", "两次")]
    public Task A_grassroots_submission_breaking_a_rule_is_refused_and_nothing_is_stored(string json, string question, string rule, string message) =>
        AssertRejected(Grassroots, json, question, rule, message);

    [Fact]
    public Task Other_text_over_500_characters_is_refused() => AssertRejected(Grassroots,
        JsonSerializer.Serialize(new { answers = new { identity = new[] { "resident" }, problems = new[] { "other" } }, otherText = new { problems = new string('长', 501) } }),
        "problems", "otherText", "最多500字（现有501字）");

    [Fact]
    public async Task Other_text_of_exactly_500_characters_including_emoji_is_stored()
    {
        var words = string.Concat(Enumerable.Repeat("😀", 10)) + new string('字', 490);
        var response = await PostJson(Grassroots, JsonSerializer.Serialize(new { answers = new { identity = new[] { "resident" }, problems = new[] { "other" } }, otherText = new { problems = words } }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(words, await app.QueryAsync(db => db.Texts.Where(t => t.ResponseId == id).Select(t => t.Text).SingleAsync()));
    }

    [Fact]
    public Task Text_over_its_max_length_is_refused() =>
        AssertRejected(Rules, """{"answers":{"pick-two":["a","b"]},"text":{"short":"一二三四五六七八九十十一"}}""", "short", "maxLength", "最多10字");

    [Fact]
    public Task A_multi_question_below_its_minimum_is_refused() =>
        AssertRejected(Rules, """{"answers":{"pick-two":["a"]}}""", "pick-two", "minSelections", "至少选择2项");

    [Fact]
    public Task Options_for_a_text_question_are_refused() =>
        AssertRejected(Rules, """{"answers":{"pick-two":["a","b"],"short":["x"]}}""", "short", "textQuestion", "填空题");

    [Fact]
    public Task A_question_hidden_by_a_multi_answer_is_refused() =>
        AssertRejected(Rules, """{"answers":{"pick-two":["a","b"],"follow-up":["yes"]}}""", "follow-up", "visibleIf", "仅限第1题选择“丙”的人回答");

    [Fact]
    public Task A_scored_item_left_out_is_refused() =>
        AssertRejected(Satisfaction, """{"answers":{"identity":["resident"],"community":["east-street"]}}""", "strong-leadership", "required", "必答题");

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_before_parsing()
    {
        var before = await app.RowCountsAsync();
        var padding = new string(' ', 40_000);
        var response = await PostJson(Grassroots, "{\"answers\":{\"identity\":[\"resident\"]}" + padding + "}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_415()
    {
        var before = await app.RowCountsAsync();
        var response = await client.PostAsync(Grassroots, new FormUrlEncodedContent([new("identity", "resident")]));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task An_unknown_questionnaire_is_404_problem_details()
    {
        var response = await PostJson("/api/questionnaires/no-such-survey/responses", """{"answers":{}}""");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_valid_cadre_response_is_stored_with_every_answer_in_one_piece()
    {
        var before = await app.RowCountsAsync();
        var response = await PostJson(Grassroots, """
            {"answers":{"identity":["cadre"],"services-offered":["policy-advice","other"],"problems":["superficial"],"unfavourable-factors":["no-funds","low-awareness","too-few-resources","low-education","other"]},
             "otherText":{"services-offered":"<script>alert(1)</script> 调解","unfavourable-factors":"=1+1"}}
            """);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(4, Guid.Parse(id.ToString()).Version);

        var stored = (await app.ResponsesWithTextsAsync(r => r.Id == id)).Single();
        var answers = (await app.StoredResponseAsync(id)).Answers;
        Assert.Equal(["identity:cadre", "problems:superficial", "services-offered:other", "services-offered:policy-advice",
                      "unfavourable-factors:low-awareness", "unfavourable-factors:low-education", "unfavourable-factors:no-funds",
                      "unfavourable-factors:other", "unfavourable-factors:too-few-resources"],
            answers);
        Assert.Equal(["services-offered:other:<script>alert(1)</script> 调解", "unfavourable-factors:other:=1+1"],
            stored.Texts.Select(t => $"{t.QuestionId}:{t.OptionId}:{t.Text}").Order(StringComparer.Ordinal));
        Assert.Equal(0, stored.SubmittedAt.Second);
        Assert.Equal(0, stored.SubmittedAt.Millisecond);
        Assert.True(DateTime.UtcNow - stored.SubmittedAt < TimeSpan.FromMinutes(5));
        var after = await app.RowCountsAsync();
        Assert.Equal((before.Responses + 1, before.Answers + 9, before.Texts + 2, before.Keys), after);
    }

    [Fact]
    public async Task A_valid_satisfaction_response_with_a_suggestion_is_stored()
    {
        var answers = new Dictionary<string, string[]> { ["identity"] = ["member"], ["community"] = ["north-village"] };
        foreach (var item in new[] { "strong-leadership", "capable-team", "service-venue", "service-carriers", "sound-institutions", "satisfying-results",
                                     "serve-reform", "serve-development", "serve-livelihood", "serve-residents", "serve-members" })
            answers[item] = [item.Length % 2 == 0 ? "satisfied" : "unknown"];
        var response = await PostJson(Satisfaction, JsonSerializer.Serialize(new { answers, text = new { suggestions = "多开展“送法下乡”" } }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var answerCount = (await app.StoredResponseAsync(id)).Answers.Count;
        var text = await app.QueryAsync(db =>
            db.Texts.Where(t => t.ResponseId == id).Select(t => t.QuestionId + ":" + t.OptionId + ":" + t.Text).SingleAsync());
        Assert.Equal(13, answerCount);
        Assert.Equal("suggestions::多开展“送法下乡”", text);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_stores_once_and_returns_the_first_id()
    {
        var key = Guid.NewGuid().ToString();
        const string body = """{"answers":{"identity":["resident"],"necessity":["worth-trying"]}}""";
        var before = await app.RowCountsAsync();
        var first = await PostJson(Grassroots, body, key);
        // Same answers, keys in another order: the same submission.
        var retry = await PostJson(Grassroots, """{"answers":{"necessity":["worth-trying"],"identity":["resident"]}}""", key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(),
                     (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal((before.Responses + 1, before.Answers + 2, before.Texts, before.Keys + 1), await app.RowCountsAsync());
    }

    [Fact]
    public async Task The_same_idempotency_key_with_a_different_body_is_422_and_stores_nothing()
    {
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostJson(Grassroots, """{"answers":{"identity":["resident"]}}""", key)).StatusCode);
        var before = await app.RowCountsAsync();
        var changed = await PostJson(Grassroots, """{"answers":{"identity":["member"]}}""", key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Equal("application/problem+json", changed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task Concurrent_requests_with_one_idempotency_key_store_once()
    {
        var key = Guid.NewGuid().ToString();
        var before = await app.RowCountsAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostJson(Grassroots, """{"answers":{"identity":["cadre"]}}""", key)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(before.Responses + 1, (await app.RowCountsAsync()).Responses);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a-key-that-is-far-too-long-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789")]
    [InlineData("中文")]
    public async Task An_invalid_idempotency_key_is_refused(string key)
    {
        var before = await app.RowCountsAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, Grassroots) { Content = new StringContent("""{"answers":{"identity":["cadre"]}}""", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.RowCountsAsync());
    }
}

public sealed class ResponsesApiSqliteTests(SqliteApp app) : ResponsesApiTests(app), IClassFixture<SqliteApp>;

public sealed class ResponsesApiPostgresTests(PostgresApp app) : ResponsesApiTests(app), IClassFixture<PostgresApp>;
