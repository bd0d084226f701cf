using System.Runtime.CompilerServices;
using System.Text;
using Survey.Core.Definitions;

namespace Survey.Core.Responses;

/// <summary>
/// The server-side authority on what may be stored. Both the JSON API and the classic HTML form call it, so the
/// rules are written once. Messages are Chinese, for residents; <see cref="SubmissionError.Rule"/> names the rule.
/// </summary>
public static class SubmissionValidator
{
    /// <summary>Longest "other" text, in characters (Unicode scalar values).</summary>
    public const int MaxOtherTextLength = Question.DefaultTextLength;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static IReadOnlyList<SubmissionError> Validate(Questionnaire questionnaire, ResponseSubmission submission)
    {
        List<SubmissionError>? errors = null; // most submissions are valid: no list for them
        // Almost every submission names only known questions: checked without allocating, the list built only if not.
        if (!AllKnown(questionnaire, submission.Answers) || !AllKnown(questionnaire, submission.OtherText) || !AllKnown(questionnaire, submission.Text))
            foreach (var unknown in submission.Answers.Keys.Concat(submission.OtherText.Keys).Concat(submission.Text.Keys)
                         .Distinct().Where(id => questionnaire.FindQuestion(id) is null))
                (errors ??= []).Add(new(unknown, "unknownQuestion", $"问卷中没有编号为“{unknown}”的题目"));

        var questions = questionnaire.Questions;
        // Shown or not, by question position: a questionnaire has tens of questions, so on the stack.
        Span<bool> visible = questions.Count <= 256 ? stackalloc bool[questions.Count] : new bool[questions.Count];
        for (var index = 0; index < questions.Count; index++)
        {
            var question = questions[index];
            var isVisible = visible[index] = IsVisible(question, questions, submission, visible[..index]);
            var error = question.Type == QuestionType.Text
                ? ValidateText(question, submission, isVisible, questionnaire)
                : ValidateChoice(question, submission, isVisible, questionnaire);
            if (error is not null) (errors ??= []).Add(error);
        }
        return errors ?? (IReadOnlyList<SubmissionError>)[];
    }

    /// <summary>Every key of <paramref name="map"/> is a question of the questionnaire (a concrete dictionary is enumerated without allocating).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AllKnown<T>(Questionnaire questionnaire, IReadOnlyDictionary<string, T> map)
    {
        if (map.Count == 0) return true;
        if (map is Dictionary<string, T> dictionary)
        {
            foreach (var id in dictionary.Keys)
                if (questionnaire.FindQuestion(id) is null) return false;
            return true;
        }
        foreach (var id in map.Keys)
            if (questionnaire.FindQuestion(id) is null) return false;
        return true;
    }

    /// <summary>
    /// Shown when it has no condition, or when its controlling question (an earlier one, the loader checks) is itself
    /// shown and has one of the listed options. <paramref name="earlierVisible"/>: shown or not, for each earlier question.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsVisible(Question question, IReadOnlyList<Question> questions, ResponseSubmission submission, ReadOnlySpan<bool> earlierVisible)
    {
        if (question.VisibleIf is not { } condition) return true;
        for (var i = 0; i < earlierVisible.Length; i++)
            if (questions[i].Id == condition.Question)
                return earlierVisible[i] && AnyOf(submission.ChosenOptions(condition.Question), condition.AnyOf);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AnyOf(IReadOnlyList<string> chosen, IReadOnlyList<string> listed)
    {
        for (var i = 0; i < chosen.Count; i++)
            for (var j = 0; j < listed.Count; j++)
                if (chosen[i] == listed[j]) return true;
        return false;
    }

    /// <summary>The first option (in order of first appearance) chosen more than once, as GroupBy would find it; a few options, so no set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? FirstDuplicate(IReadOnlyList<string> chosen)
    {
        for (var i = 0; i < chosen.Count; i++)
        {
            var seenBefore = false;
            for (var j = 0; j < i && !seenBefore; j++) seenBefore = chosen[j] == chosen[i];
            if (seenBefore) continue;
            for (var j = i + 1; j < chosen.Count; j++)
                if (chosen[j] == chosen[i]) return chosen[i];
        }
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? FirstUnknown(Question question, IReadOnlyList<string> chosen)
    {
        for (var i = 0; i < chosen.Count; i++)
            if (question.FindOption(chosen[i]) is null) return chosen[i];
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static SubmissionError? ValidateChoice(Question question, ResponseSubmission submission, bool isVisible, Questionnaire questionnaire)
    {
        var id = question.Id;
        if (submission.Text.ContainsKey(id))
            return new(id, "notTextQuestion", "此题为选择题，请勾选选项作答");
        var chosen = submission.ChosenOptions(id);
        var hasOtherText = submission.OtherText.TryGetValue(id, out var otherText) && otherText.Length > 0;
        var answered = chosen.Count > 0 || hasOtherText;

        if (!isVisible)
            return answered ? new(id, "visibleIf", HiddenMessage(question, questionnaire)) : null;
        if (chosen.Count == 0)
        {
            if (hasOtherText) return OtherTextWithoutOption(question);
            return question.Required ? new(id, "required", "此题为必答题，请作答") : null;
        }
        var unknown = FirstUnknown(question, chosen);
        if (unknown is not null) return new(id, "unknownOption", $"此题没有编号为“{unknown}”的选项");
        var duplicate = FirstDuplicate(chosen);
        if (duplicate is not null) return new(id, "duplicateOption", $"选项“{question.FindOption(duplicate)!.Label}”重复选择");

        if (question.Type == QuestionType.Single && chosen.Count != 1)
            return new(id, "single", "此题为单选题，只能选择1项");
        if (question.Type == QuestionType.Multi)
        {
            if (chosen.Count > question.EffectiveMaxSelections)
                return new(id, "maxSelections", $"最多选择{question.EffectiveMaxSelections}项");
            if (chosen.Count < question.EffectiveMinSelections)
                return new(id, "minSelections", $"至少选择{question.EffectiveMinSelections}项");
        }
        if (hasOtherText)
        {
            var textOption = question.OptionList.FirstOrDefault(o => o.AllowsText);
            if (textOption is null) return new(id, "otherText", "此题没有“其他”选项，不能填写其他内容");
            if (!chosen.Contains(textOption.Id)) return OtherTextWithoutOption(question);
            return CheckWords(id, otherText!, MaxOtherTextLength, "otherText", "“其他”内容");
        }
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static SubmissionError? ValidateText(Question question, ResponseSubmission submission, bool isVisible, Questionnaire questionnaire)
    {
        var id = question.Id;
        if (submission.Answers.ContainsKey(id) || submission.OtherText.ContainsKey(id))
            return new(id, "textQuestion", "此题为填空题，请填写文字作答");
        var answered = submission.Text.TryGetValue(id, out var text) && text.Length > 0;
        if (!isVisible) return answered ? new(id, "visibleIf", HiddenMessage(question, questionnaire)) : null;
        if (!answered || string.IsNullOrWhiteSpace(text))
            return question.Required ? new(id, "required", "此题为必答题，请作答") : null;
        return CheckWords(id, text!, question.EffectiveMaxLength, "maxLength", "填写内容");
    }

    private static SubmissionError OtherTextWithoutOption(Question question)
    {
        var label = question.OptionList.FirstOrDefault(o => o.AllowsText)?.Label ?? "其他";
        return new(question.Id, "otherText", $"填写了“{label}”的内容，请同时勾选“{label}”");
    }

    /// <summary>Length in characters as a resident counts them (a Chinese character or an emoji is one), and no control characters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static SubmissionError? CheckWords(string questionId, string words, int maxLength, string rule, string what)
    {
        var length = 0;
        foreach (var rune in words.EnumerateRunes())
        {
            length++;
            if (Rune.IsControl(rune) && rune.Value is not ('\n' or '\r' or '\t'))
                return new(questionId, "characters", $"{what}含有不允许的控制字符");
        }
        return length > maxLength ? new(questionId, rule, $"{what}最多{maxLength}字（现有{length}字）") : null;
    }

    private static string HiddenMessage(Question question, Questionnaire questionnaire)
    {
        var condition = question.VisibleIf!;
        var controller = questionnaire.FindQuestion(condition.Question)!;
        var number = questionnaire.Questions.ToList().IndexOf(controller) + 1;
        var labels = string.Join("、", condition.AnyOf.Select(o => $"“{controller.FindOption(o)?.Label ?? o}”"));
        return $"此题仅限第{number}题选择{labels}的人回答，请不要作答";
    }
}
