using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Apis;

public sealed class QuestionnairesApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_list_names_each_questionnaire_with_title_version_and_question_count()
    {
        var list = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/questionnaires");
        var grassroots = list.EnumerateArray().Single(q => q.GetProperty("id").GetString() == "grassroots-service");
        Assert.Equal("基层服务型党组织建设调查问卷", grassroots.GetProperty("title").GetString());
        Assert.Equal(1, grassroots.GetProperty("version").GetInt32());
        Assert.Equal(10, grassroots.GetProperty("questionCount").GetInt32());
        Assert.Contains(list.EnumerateArray(), q => q.GetProperty("id").GetString() == "resident-satisfaction" && q.GetProperty("questionCount").GetInt32() == 14);
    }

    [Fact]
    public async Task A_definition_is_served_as_json_with_the_file_keys()
    {
        var response = await app.CreateClient().GetAsync("/api/questionnaires/resident-satisfaction");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var definition = await response.Content.ReadFromJsonAsync<JsonElement>();
        var item = definition.GetProperty("questions")[2];
        Assert.Equal("six-goals", item.GetProperty("group").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("options")[3].GetProperty("score").ValueKind);
        Assert.Equal(60, item.GetProperty("options")[1].GetProperty("score").GetDouble());
        Assert.Contains("衷心感谢", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_questionnaire_is_404()
    {
        var response = await app.CreateClient().GetAsync("/api/questionnaires/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_reports_the_database_ready()
    {
        var response = await app.CreateClient().GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
