using System.Text.Json;
using Survey.Core.Definitions;

namespace Survey.Core.Questionnaires;

/// <summary>
/// Reads a questionnaire file and checks what the JSON Schema cannot: unique ids, visibleIf referring to an
/// earlier choice question and to its options, min ≤ max ≤ option count, at most one text option, consistent scores.
/// Every error names the file and the JSON path, e.g.
/// <c>grassroots-service.json: questions[4].visibleIf.anyOf[0]: no option "cadres" in question "identity"</c>.
/// </summary>
public static class QuestionnaireLoader
{
    public static QuestionnaireLoadResult LoadFile(string path) =>
        Load(Path.GetFileName(path), File.ReadAllText(path));

    public static QuestionnaireLoadResult Load(string fileName, string json)
    {
        Questionnaire? questionnaire;
        try
        {
            questionnaire = JsonSerializer.Deserialize<Questionnaire>(json, QuestionnaireJson.Options);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 0 } p ? JsonPathText(p) : "(root)";
            var line = e.LineNumber is { } n ? $" (line {n + 1})" : "";
            return new(fileName, null, [$"{fileName}: {where}: {FirstSentence(e.Message)}{line}"]);
        }
        if (questionnaire is null)
            return new(fileName, null, [$"{fileName}: (root): the file holds null, not a questionnaire"]);

        var errors = new List<string>();
        void Error(string path, string message) => errors.Add($"{fileName}: {path}: {message}");
        Check(questionnaire, Error);
        var contentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
        return new(fileName, errors.Count == 0 ? questionnaire with { ContentHash = contentHash } : null, errors);
    }

    private static void Check(Questionnaire questionnaire, Action<string, string> error)
    {
        if (!IdRule.IsMatch(questionnaire.Id))
            error("id", $"\"{questionnaire.Id}\" is not a valid id (lower-case letters, digits and '-')");
        if (questionnaire.Version < 1) error("version", "must be 1 or more");
        if (questionnaire.Questions.Count == 0) error("questions", "a questionnaire needs at least one question");
        if (questionnaire is { OpensAt: { } opens, ClosesAt: { } closes } && closes <= opens)
            error("closesAt", $"closesAt {closes:yyyy-MM-dd'T'HH:mm:sszzz} must be after opensAt {opens:yyyy-MM-dd'T'HH:mm:sszzz}");

        var earlier = new Dictionary<string, Question>();
        for (var i = 0; i < questionnaire.Questions.Count; i++)
        {
            var question = questionnaire.Questions[i];
            var at = $"questions[{i}]";
            if (!IdRule.IsMatch(question.Id)) error($"{at}.id", $"\"{question.Id}\" is not a valid id (lower-case letters, digits and '-')");
            if (earlier.ContainsKey(question.Id)) error($"{at}.id", $"duplicate question id \"{question.Id}\"");
            CheckQuestion(question, at, error);
            if (question.VisibleIf is { } visibleIf) CheckVisibleIf(visibleIf, question, earlier, questionnaire, $"{at}.visibleIf", error);
            earlier.TryAdd(question.Id, question);
        }
        EvaluationChecks.Check(questionnaire, error);
    }

    private static void CheckQuestion(Question question, string at, Action<string, string> error)
    {
        if (string.IsNullOrWhiteSpace(question.Text)) error($"{at}.text", "must not be empty");
        if (question.Type == QuestionType.Text)
        {
            if (question.Options is not null) error($"{at}.options", "a text question has no options");
            if (question.MinSelections is not null || question.MaxSelections is not null)
                error(at, "minSelections/maxSelections apply to multi questions only");
            if (question.MaxLength is < 1 or > 5000) error($"{at}.maxLength", "must be between 1 and 5000");
            return;
        }
        if (question.MaxLength is not null) error($"{at}.maxLength", "applies to text questions only");
        var options = question.OptionList;
        if (options.Count == 0) { error($"{at}.options", $"a {Name(question.Type)} question needs at least one option"); return; }

        var seen = new HashSet<string>();
        for (var j = 0; j < options.Count; j++)
        {
            var option = options[j];
            if (!IdRule.IsMatch(option.Id)) error($"{at}.options[{j}].id", $"\"{option.Id}\" is not a valid id (lower-case letters, digits and '-')");
            if (!seen.Add(option.Id)) error($"{at}.options[{j}].id", $"duplicate option id \"{option.Id}\" in question \"{question.Id}\"");
            if (string.IsNullOrWhiteSpace(option.Label)) error($"{at}.options[{j}].label", "must not be empty");
            if (option.ScoreElement is var score && option.HasScoreKey && !(score.ValueKind == JsonValueKind.Null ||
                    score.ValueKind == JsonValueKind.Number && score.GetDouble() is >= 0 and <= 100))
                error($"{at}.options[{j}].score", "must be a number from 0 to 100, or null for 'not known'");
        }
        var textOptions = options.Select((o, j) => (o, j)).Where(x => x.o.AllowsText).ToList();
        if (textOptions.Count > 1) error($"{at}.options[{textOptions[1].j}].allowsText", "at most one option per question takes the respondent's own words");

        if (options.Any(o => o.HasScoreKey))
        {
            if (question.Type != QuestionType.Single) error(at, "only single questions can be scored");
            var unscored = options.Select((o, j) => (o, j)).FirstOrDefault(x => !x.o.HasScoreKey);
            if (unscored.o is not null) error($"{at}.options[{unscored.j}].score", "a scored question needs a score (or null) on every option");
            if (options.All(o => o.Score is null)) error(at, "a scored question needs at least one option with a numeric score");
        }
        if (question.Weight is { } weight && (!double.IsFinite(weight) || weight <= 0)) error($"{at}.weight", "must be a positive number");

        if (question.Type == QuestionType.Single)
        {
            if (question.MinSelections is not null || question.MaxSelections is not null)
                error(at, "minSelections/maxSelections apply to multi questions only (a single question takes exactly one option)");
            return;
        }
        var min = question.MinSelections ?? 1;
        var max = question.MaxSelections ?? options.Count;
        if (question.MinSelections is < 1) error($"{at}.minSelections", "must be 1 or more (leave a question unanswered with required: false)");
        if (question.MaxSelections is < 1) error($"{at}.maxSelections", "must be 1 or more");
        if (min > max) error($"{at}.minSelections", $"minSelections {min} is greater than maxSelections {max}");
        if (max > options.Count) error($"{at}.maxSelections", $"maxSelections {max} is greater than the {options.Count} options");
    }

    private static void CheckVisibleIf(VisibleIf visibleIf, Question question, Dictionary<string, Question> earlier,
        Questionnaire questionnaire, string at, Action<string, string> error)
    {
        if (!earlier.TryGetValue(visibleIf.Question, out var controller))
        {
            var later = questionnaire.Questions.Any(q => q.Id == visibleIf.Question);
            error($"{at}.question", later || visibleIf.Question == question.Id
                ? $"question \"{visibleIf.Question}\" must come before question \"{question.Id}\""
                : $"no question \"{visibleIf.Question}\"");
            return;
        }
        if (controller.Type == QuestionType.Text)
        {
            error($"{at}.question", $"question \"{controller.Id}\" is a text question; visibleIf needs a single or multi question");
            return;
        }
        if (visibleIf.AnyOf.Count == 0) error($"{at}.anyOf", "needs at least one option id");
        for (var k = 0; k < visibleIf.AnyOf.Count; k++)
            if (controller.FindOption(visibleIf.AnyOf[k]) is null)
                error($"{at}.anyOf[{k}]", $"no option \"{visibleIf.AnyOf[k]}\" in question \"{controller.Id}\"");
    }

    internal static readonly System.Text.RegularExpressions.Regex IdRule = new("^[a-z0-9][a-z0-9-]{0,63}$");

    private static string Name(QuestionType type) => type.ToString().ToLowerInvariant();

    /// <summary>"$.questions[4].visibleIf" → "questions[4].visibleIf".</summary>
    private static string JsonPathText(string path) => path == "$" ? "(root)" : path.StartsWith("$.") ? path[2..] : path;

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd('.') : message;
    }
}
