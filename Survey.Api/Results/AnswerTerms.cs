using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Survey.Api.Model;

namespace Survey.Api.Results;

/// <summary>
/// Builds <c>answer =&gt; new AnswerTerm { ... CASE WHEN option = 'x' THEN ... }</c> projections from a questionnaire,
/// so per-response patterns and scores are computed by the database (both SQLite and PostgreSQL translate the
/// conditional to CASE) instead of loading answer rows.
/// </summary>
public static class AnswerTerms
{
    private static readonly PropertyInfo ResponseIdProperty = typeof(LegacyResponseAnswer).GetProperty(nameof(LegacyResponseAnswer.ResponseId))!;
    private static readonly PropertyInfo QuestionIdProperty = typeof(LegacyResponseAnswer).GetProperty(nameof(LegacyResponseAnswer.QuestionId))!;
    private static readonly PropertyInfo OptionIdProperty = typeof(LegacyResponseAnswer).GetProperty(nameof(LegacyResponseAnswer.OptionId))!;

    /// <summary>Bit i set for the question's i-th option (questionnaire order); other rows give 0.</summary>
    public static Expression<Func<LegacyResponseAnswer, AnswerTerm>> SelectionBits(Question question) => Project(
        (nameof(AnswerTerm.Bit), question.OptionList.Select((option, index) => (question.Id, option.Id, (object)(1L << index))), 0L));

    /// <summary>weight × score and weight for each scored answer; 不了解 (score null) and unscored rows give 0 and 0.</summary>
    public static Expression<Func<LegacyResponseAnswer, AnswerTerm>> WeightedScores(IEnumerable<Question> scoredQuestions)
    {
        var scored = scoredQuestions
            .SelectMany(q => q.OptionList.Where(o => o.Score is not null).Select(o => (Question: q, Option: o)))
            .ToList();
        return Project(
            (nameof(AnswerTerm.WeightedScore), scored.Select(s => (s.Question.Id, s.Option.Id, (object)(s.Question.EffectiveWeight * s.Option.Score!.Value))), 0.0),
            (nameof(AnswerTerm.Weight), scored.Select(s => (s.Question.Id, s.Option.Id, (object)s.Question.EffectiveWeight)), 0.0));
    }

    /// <summary>
    /// Whole numbers are inlined; fractional values go as parameters because PostgreSQL reads a literal such as
    /// 60.0 as numeric, and sums of squares of numeric quotients overflow .NET's decimal when read back.
    /// </summary>
    private static Expression Literal(object value) => value is double number
        ? Expression.Field(Expression.Constant(new StrongBox<double>(number)), nameof(StrongBox<double>.Value))
        : Expression.Constant(value);

    private static Expression<Func<LegacyResponseAnswer, AnswerTerm>> Project(
        params (string Member, IEnumerable<(string Question, string Option, object Value)> Cases, object Otherwise)[] members)
    {
        var answer = Expression.Parameter(typeof(LegacyResponseAnswer), "answer");
        var bindings = new List<MemberBinding>
        {
            Expression.Bind(typeof(AnswerTerm).GetProperty(nameof(AnswerTerm.ResponseId))!, Expression.Property(answer, ResponseIdProperty)),
        };
        foreach (var (member, cases, otherwise) in members)
        {
            Expression value = Literal(otherwise);
            foreach (var (question, option, caseValue) in cases.Reverse())
            {
                var matches = Expression.AndAlso(
                    Expression.Equal(Expression.Property(answer, QuestionIdProperty), Expression.Constant(question)),
                    Expression.Equal(Expression.Property(answer, OptionIdProperty), Expression.Constant(option)));
                value = Expression.Condition(matches, Literal(caseValue), value);
            }
            bindings.Add(Expression.Bind(typeof(AnswerTerm).GetProperty(member)!, value));
        }
        return Expression.Lambda<Func<LegacyResponseAnswer, AnswerTerm>>(
            Expression.MemberInit(Expression.New(typeof(AnswerTerm)), bindings), answer);
    }
}
