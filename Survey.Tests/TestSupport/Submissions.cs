using System.Net;
using System.Text;

namespace Survey.Tests.TestSupport;

/// <summary>Posts resident submissions through the public API (the way real data gets in).</summary>
public static class Submissions
{
    public static async Task PostAsync(HttpClient client, string questionnaireId, string json)
    {
        var posted = await client.PostAsync($"/api/questionnaires/{questionnaireId}/responses", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
    }

    public static async Task PostAllAsync(HttpClient client, string questionnaireId, IEnumerable<SyntheticResponses.Generated> responses)
    {
        foreach (var response in responses) await PostAsync(client, questionnaireId, response.ToJson());
    }
}
