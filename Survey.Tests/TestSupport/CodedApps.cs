namespace Survey.Tests.TestSupport;

/// <summary>
/// The application with a questionnaire that takes invitation codes ("coded", <c>"access": "codes"</c>) and a public
/// base address for slips. The file is written into this fixture's own questionnaires folder only.
/// </summary>
public abstract class CodedApp : SurveyAppFactory
{
    public const string Id = "coded";
    public const string PublicBaseAddress = "https://survey.example.org";

    /// <summary>The questionnaire file (also used by the browser and the two-instance tests).</summary>
    public const string Json = """
        {
          "id": "coded", "version": 1, "title": "社区服务满意度（凭邀请码）", "access": "codes",
          "questions": [
            { "id": "community", "text": "您所在的社区", "type": "single", "required": true,
              "options": [ { "id": "east-street", "label": "东街社区" }, { "id": "west-street", "label": "西街社区" } ] },
            { "id": "satisfied", "text": "您对社区服务是否满意", "type": "single",
              "options": [ { "id": "yes", "label": "满意" }, { "id": "no", "label": "不满意" } ] },
            { "id": "say", "text": "您的意见和建议", "type": "text", "maxLength": 200 }
          ]
        }
        """;

    protected CodedApp(TestDatabase database) : base(database)
    {
        File.WriteAllText(Path.Combine(QuestionnairesFolder, Id + ".json"), Json);
        Settings["Survey:PublicBaseAddress"] = PublicBaseAddress;
    }
}

public sealed class CodedSqliteApp() : CodedApp(TestDatabase.CreateSqlite());

public sealed class CodedPostgresApp() : CodedApp(TestDatabase.CreatePostgresAsync().GetAwaiter().GetResult());
