using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Logging.Abstractions;
using Survey.Api.Model;
using Survey.Core.Questionnaires;
using Survey.Api.Responses;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Responses;

/// <summary>
/// Property-based tests (FsCheck) of <see cref="SubmissionParser"/> and <see cref="SubmissionValidator"/>: whatever
/// the body, the parser returns a submission or named errors and never throws; text survives a JSON round trip
/// exactly or is refused as an encoding error; and a submission the validator accepts obeys the questionnaire's
/// rules, checked here independently of the validator's own code.
/// </summary>
public sealed class SubmissionPropertyTests
{
    private static readonly IReadOnlyList<Questionnaire> Questionnaires = LoadQuestionnaires();

    private static IReadOnlyList<Questionnaire> LoadQuestionnaires()
    {
        var catalog = QuestionnaireCatalog.LoadFolder(RepositoryPaths.Questionnaires, NullLogger.Instance);
        var rules = QuestionnaireLoader.Load("test-rules.json",
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "questionnaires", "test-rules.json")));
        return [.. catalog.All, rules.Questionnaire!];
    }

    private static bool Consistent((ResponseSubmission? Submission, IReadOnlyList<SubmissionError> Errors) parsed) =>
        (parsed.Submission is null) == (parsed.Errors.Count > 0) && parsed.Errors.All(e => e.Key is not null && e.Rule.Length > 0 && e.Message.Length > 0);

    [Property(MaxTest = 2000)]
    public bool Any_bytes_give_a_submission_or_named_errors_and_never_throw(byte[] body) => Consistent(SubmissionParser.Parse(body ?? []));

    /// <summary>Bodies shaped like submissions, with arbitrary UTF-16 (lone surrogates included) escaped into names and values.</summary>
    [Property(MaxTest = 2000)]
    public bool Escaped_text_round_trips_exactly_or_is_refused_as_an_encoding_error(string? name, string? value)
    {
        name ??= "";
        value ??= "";
        var (n, v) = (Escaped(name), Escaped(value));
        var body = "{\"answers\":{" + n + ":[" + v + "]},\"otherText\":{" + n + ":" + v + "},\"text\":{\"t\":" + v + "}}";
        var parsed = SubmissionParser.Parse(Encoding.UTF8.GetBytes(body));
        if (!Consistent(parsed)) return false;
        if (!IsWellFormed(name) || !IsWellFormed(value)) return parsed.Submission is null && parsed.Errors.Any(e => e.Rule == "encoding");
        var submission = parsed.Submission!;
        return submission.Answers[name].SequenceEqual([value]) && submission.OtherText[name] == value && submission.Text["t"] == value;
    }

    /// <summary>The shapes that were a 500 before: a lone surrogate escape, or invalid UTF-8, in a property name.</summary>
    [Theory]
    [InlineData("{\"\\ud800\":1}")]
    [InlineData("{\"answers\":{\"\\udc00\":[\"a\"]}}")]
    [InlineData("{\"otherText\":{\"q\\ud83d\":\"x\"}}")]
    public void A_lone_surrogate_in_a_name_is_an_encoding_error(string body)
    {
        var (submission, errors) = SubmissionParser.Parse(Encoding.UTF8.GetBytes(body));
        Assert.Null(submission);
        Assert.Contains(errors, e => e.Rule == "encoding");
    }

    [Fact]
    public void Invalid_utf8_in_a_name_is_an_encoding_error()
    {
        var (submission, errors) = SubmissionParser.Parse([.. "{\"answers\":{\""u8, 0xC3, 0x28, .. "\":[\"a\"]}}"u8]);
        Assert.Null(submission);
        Assert.Contains(errors, e => e.Rule == "encoding");
    }

    /// <summary>Arbitrary bytes (invalid UTF-8 included) spliced into a property name or a value are never a crash.</summary>
    [Property(MaxTest = 2000)]
    public bool Raw_bytes_in_names_and_values_give_a_submission_or_named_errors(byte[] raw, bool inName)
    {
        var inside = (raw ?? []).Where(b => b is not (byte)'"' and not (byte)'\\').ToArray();
        var head = Encoding.UTF8.GetBytes(inName ? """{"answers":{" """.TrimEnd() : """{"answers":{"q":[" """.TrimEnd());
        var tail = Encoding.UTF8.GetBytes(inName ? "\":[\"a\"]}}" : "\"]}}");
        var parsed = SubmissionParser.Parse([.. head, .. inside, .. tail]);
        return Consistent(parsed) && (System.Text.Unicode.Utf8.IsValid(inside) || parsed.Errors.Any(e => e.Rule == "encoding"));
    }

    /// <summary>Submissions drawn from a questionnaire's own ids plus strangers, in any combination.</summary>
    public static class Generators
    {
        public static Arbitrary<(int Questionnaire, ResponseSubmission Submission)> Submissions() =>
            (from index in Gen.Choose(0, Questionnaires.Count - 1)
             from submission in SubmissionFor(Questionnaires[index])
             select (index, submission)).ToArbitrary();

        private static Gen<ResponseSubmission> SubmissionFor(Questionnaire questionnaire)
        {
            var questionIds = questionnaire.Questions.Select(q => q.Id).Append("no-such-question").ToArray();
            var optionIds = questionnaire.Questions.SelectMany(q => q.OptionList.Select(o => o.Id)).Distinct().Append("no-such-option").ToArray();
            var answer = from question in Gen.Elements(questionIds)
                         from options in Gen.ListOf(Gen.Elements(optionIds))
                         select (Question: question, Options: (IReadOnlyList<string>)options.Take(6).ToArray());
            var text = from question in Gen.Elements(questionIds)
                       from content in Gen.Elements("", "好", "需要改进", new string('长', 600), "a\u0000b")
                       select (Question: question, Content: content);
            return from answers in Gen.ListOf(answer)
                   from others in Gen.ListOf(text)
                   from texts in Gen.ListOf(text)
                   select new ResponseSubmission(
                       answers.DistinctBy(a => a.Question).ToDictionary(a => a.Question, a => a.Options),
                       others.DistinctBy(t => t.Question).ToDictionary(t => t.Question, t => t.Content),
                       texts.DistinctBy(t => t.Question).ToDictionary(t => t.Question, t => t.Content));
        }
    }

    [Property(MaxTest = 3000, Arbitrary = [typeof(Generators)])]
    public bool An_accepted_submission_obeys_every_rule_of_its_questionnaire((int Questionnaire, ResponseSubmission Submission) drawn)
    {
        var questionnaire = Questionnaires[drawn.Questionnaire];
        var submission = drawn.Submission;
        var errors = SubmissionValidator.Validate(questionnaire, submission);
        if (errors.Count > 0) return errors.All(e => e.Rule.Length > 0 && e.Message.Length > 0);

        foreach (var (id, options) in submission.Answers)
        {
            var question = questionnaire.FindQuestion(id);
            if (question is null || question.Type == QuestionType.Text) return false;
            if (options.Any(o => question.FindOption(o) is null) || options.Distinct().Count() != options.Count) return false;
            if (options.Count > 0 && (options.Count < question.EffectiveMinSelections || options.Count > question.EffectiveMaxSelections)) return false;
        }
        foreach (var (id, other) in submission.OtherText.Where(t => t.Value.Length > 0))
        {
            var question = questionnaire.FindQuestion(id);
            var otherOption = question?.OptionList.FirstOrDefault(o => o.AllowsText);
            if (otherOption is null || !submission.ChosenOptions(id).Contains(otherOption.Id) || other.Contains('\0')) return false;
        }
        foreach (var (id, text) in submission.Text.Where(t => t.Value.Length > 0))
            if (questionnaire.FindQuestion(id) is not { Type: QuestionType.Text } question || text.Length > question.EffectiveMaxLength || text.Contains('\0'))
                return false;
        // Required questions without a condition are always shown, so they must be answered.
        return questionnaire.Questions.Where(q => q.Required && q.VisibleIf is null)
            .All(q => q.Type == QuestionType.Text ? submission.Text.GetValueOrDefault(q.Id) is { Length: > 0 } : submission.ChosenOptions(q.Id).Count > 0);
    }

    /// <summary>
    /// With a questionnaire's names (<see cref="KnownNames"/>) the parser returns the same submission and the same errors
    /// as without them, whatever the body names: its questions and options plainly, escaped, with a lone surrogate
    /// spliced in, strangers, the same question twice, in any order.
    /// </summary>
    [Property(MaxTest = 2000)]
    public bool The_questionnaires_names_change_nothing_in_the_parse(int which, byte[]? picks, string? stranger)
    {
        var questionnaire = Questionnaires[Math.Abs(which % Questionnaires.Count)];
        picks ??= [];
        var questions = questionnaire.Questions;
        string Name(string id, int variant) => variant switch
        {
            0 => JsonSerializer.Serialize(id),
            1 => Escaped(id),
            2 => Escaped(stranger ?? ""),
            _ => "\"" + id + "\\ud800\"", // the id and an escaped lone surrogate
        };
        var answers = new List<string>();
        var texts = new List<string>();
        for (var i = 0; i + 1 < picks.Length; i += 2)
        {
            var question = questions[picks[i] % questions.Count];
            var options = question.OptionList.Count == 0 ? ["\"x\""] :
                Enumerable.Range(0, picks[i + 1] % 3).Select(k => Name(question.OptionList[(picks[i + 1] + k) % question.OptionList.Count].Id, (picks[i + 1] >> 4) % 4));
            answers.Add($"{Name(question.Id, (picks[i] >> 5) % 4)}:[{string.Join(',', options)}]");
            texts.Add($"{Name(question.Id, picks[i + 1] % 4)}:\"好\"");
        }
        var body = Encoding.UTF8.GetBytes($"{{\"answers\":{{{string.Join(',', answers)}}},\"otherText\":{{{string.Join(',', texts)}}},\"text\":{{{string.Join(',', texts.Take(1))}}}}}");
        var plain = SubmissionParser.Parse(body);
        var withNames = SubmissionParser.Parse(body, questionnaire);
        return Consistent(withNames) && Same(plain, withNames);
    }

    [Fact]
    public void Names_the_questionnaire_knows_are_its_own_strings()
    {
        var questionnaire = Questionnaires[0];
        var question = questionnaire.Questions.First(q => q.OptionList.Count > 0);
        var (submission, _) = SubmissionParser.Parse(Encoding.UTF8.GetBytes(
            $"{{\"answers\":{{\"{question.Id}\":[\"{question.OptionList[0].Id}\"]}}}}"), questionnaire);

        Assert.Same(question.Id, submission!.Answers.Keys.Single());
        Assert.Same(question.OptionList[0].Id, submission.Answers[question.Id][0]);
    }

    private static bool Same((ResponseSubmission? Submission, IReadOnlyList<SubmissionError> Errors) a, (ResponseSubmission? Submission, IReadOnlyList<SubmissionError> Errors) b)
    {
        static string Shape(ResponseSubmission? s) => s is null ? "null" : string.Join("|",
            s.Answers.Select(e => e.Key + "=" + string.Join(",", e.Value)).Concat(s.OtherText.Select(e => "o:" + e.Key + "=" + e.Value))
                .Concat(s.Text.Select(e => "t:" + e.Key + "=" + e.Value)));
        return Shape(a.Submission) == Shape(b.Submission) &&
               a.Errors.Select(e => (e.Key, e.Rule, e.Message)).SequenceEqual(b.Errors.Select(e => (e.Key, e.Rule, e.Message)));
    }

    /// <summary>Every UTF-16 code unit as a \uXXXX escape, so unpaired surrogates reach the parser as valid JSON.</summary>
    private static string Escaped(string text) => "\"" + string.Concat(text.Select(c => $"\\u{(int)c:x4}")) + "\"";

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }
}
