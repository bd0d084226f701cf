using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Survey.Api.Codes;
using Survey.Tests.Reliability;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Codes;

/// <summary>
/// Two server processes on one PostgreSQL database: a code generated on one is accepted on the other (the hashing
/// secret lives in the database, created once), and one code sent to both at once is stored exactly once.
/// </summary>
[Collection(ServerProcesses.Name)]
public sealed class CodesAcrossInstancesTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private ServerProcess first = null!;
    private ServerProcess second = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreatePostgresAsync();
        var questionnaires = Path.Combine(database.Folder, "questionnaires");
        Directory.CreateDirectory(questionnaires);
        await File.WriteAllTextAsync(Path.Combine(questionnaires, CodedApp.Id + ".json"), CodedApp.Json);
        var data = Path.Combine(database.Folder, "shared-data");
        first = new ServerProcess(database.ConnectionString, data, questionnaires);
        second = new ServerProcess(database.ConnectionString, data, questionnaires);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task One_code_sent_to_both_instances_at_once_is_stored_once()
    {
        using var organiser = first.CreateClient(organiser: true);
        var generated = await organiser.PostAsJsonAsync($"/api/questionnaires/{CodedApp.Id}/codes", new { count = 6 });
        Assert.Equal(HttpStatusCode.Created, generated.StatusCode);
        var codes = (await generated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();

        // Generated on the first instance, accepted on the second: both use the one secret in the database.
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(second, codes[0])).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await SubmitAsync(first, codes[0])).StatusCode);

        foreach (var code in codes.Skip(1))
        {
            var racing = Enumerable.Range(0, 8).Select(i => SubmitAsync(i % 2 == 0 ? first : second, code)).ToList();
            var statuses = (await Task.WhenAll(racing)).Select(r => r.StatusCode).ToList();
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
            Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.Conflict));
        }
        Assert.Equal(codes.Count, (await StoredResponses.IdsAsync(database.ConnectionString)).Count);
    }

    private static async Task<HttpResponseMessage> SubmitAsync(ServerProcess server, string code)
    {
        using var client = server.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/questionnaires/{CodedApp.Id}/responses")
        {
            Content = new StringContent("""{"answers":{"community":["east-street"]}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(CodeRefusal.Header, code);
        return await client.SendAsync(request);
    }
}
