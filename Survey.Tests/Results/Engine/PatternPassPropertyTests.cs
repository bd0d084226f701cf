using System.Numerics;
using System.Text.Json;
using Survey.Api.Results;
using Survey.Api.Results.Engine;
using Survey.Core.Patterns;

namespace Survey.Tests.Results.Engine;

/// <summary>
/// Property: for random questionnaires (single and multi questions, conditions, "other" texts, text questions,
/// scored items, option orders that differ from the stored bit order, masks wider than the flat-array limit) and
/// random responses and filters, every figure of the pass equals a naive recount from the submissions themselves.
/// Seeded System.Random loops, so a failure names its seed.
/// </summary>
public sealed class PatternPassPropertyTests
{
    private sealed record Submission(int Minute, Dictionary<string, string[]> Answers, Dictionary<(string, string?), string> Texts);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_figure_equals_a_naive_recount(int seed)
    {
        var random = new Random(seed);
        var questionnaire = RandomQuestionnaire(random);
        // The stored order of bits is that of a reshuffled questionnaire: options were reordered in the JSON since.
        var layout = new AnswerLayout(questionnaire, AnswerLayout.Missing(Reordered(questionnaire, random), []));
        var submissions = Enumerable.Range(0, random.Next(0, 400)).Select(_ => RandomSubmission(questionnaire, random)).ToList();
        var columns = Load(layout, submissions, random);

        for (var round = 0; round < 5; round++)
        {
            var (request, filter, by) = RandomRequest(questionnaire, layout, submissions, random);
            var counts = PatternPass.Run(columns, request);
            var expected = submissions.Where(s => Passes(s, filter, request)).ToList();
            AssertFigures(questionnaire, counts, expected, by, $"seed {seed}, round {round}");
        }
    }

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        foreach (var seed in Enumerable.Range(1, 60)) seeds.Add(seed);
        return seeds;
    }

    [Fact]
    public void Rows_beyond_one_chunk_and_incremental_loads_count_the_same()
    {
        var random = new Random(7);
        var questionnaire = RandomQuestionnaire(random);
        var layout = new AnswerLayout(questionnaire, AnswerLayout.Missing(questionnaire, []));
        var submissions = Enumerable.Range(0, ResponseColumns.ChunkSize + 1234).Select(_ => RandomSubmission(questionnaire, random)).ToList();
        var columns = Load(layout, submissions, random);
        var by = questionnaire.Questions.FirstOrDefault(q => q.Type == QuestionType.Single);
        var request = new PassRequest(null, null, [], by is null ? null : IndexOf(layout, by.Id), null, true, true);
        AssertFigures(questionnaire, PatternPass.Run(columns, request), submissions, by, "big");
    }

    private static void AssertFigures(Questionnaire questionnaire, PatternCounts counts, List<Submission> expected, Question? by, string because)
    {
        Assert.True(expected.Count == counts.Responses, because);
        var plain = QuestionnaireAnalyser.Counts(questionnaire, counts);
        foreach (var question in questionnaire.Questions)
        {
            var shown = question.VisibleIf is { } c ? expected.Count(s => s.Answers.GetValueOrDefault(c.Question)?.Any(c.AnyOf.Contains) == true) : expected.Count;
            Assert.True(shown == plain.Shown[question.Id], $"{because}: shown {question.Id}");
            if (question.Type == QuestionType.Text)
            {
                Assert.True(expected.Count(s => s.Texts.ContainsKey((question.Id, null))) == plain.Answered.GetValueOrDefault(question.Id), $"{because}: text answered {question.Id}");
                continue;
            }
            var answered = expected.Where(s => s.Answers.ContainsKey(question.Id)).ToList();
            Assert.True(answered.Count == plain.Answered[question.Id], $"{because}: answered {question.Id}");
            foreach (var option in question.OptionList)
                Assert.True(answered.Count(s => s.Answers[question.Id].Contains(option.Id)) == plain.OptionCounts[(question.Id, option.Id)], $"{because}: count {question.Id}:{option.Id}");
            var patterns = counts.Questions[question.Id];
            var expectedPatterns = answered.GroupBy(s => Mask(question, s.Answers[question.Id])).ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.Equal(expectedPatterns.OrderBy(p => p.Key), patterns.Patterns().OrderBy(p => p.Key));
            Assert.Equal(answered.Sum(s => (long)s.Answers[question.Id].Length), patterns.Mentions);

            if (by is null || by.Id == question.Id) continue;
            var input = QuestionnaireAnalyser.CrosstabInputOf(patterns, by);
            foreach (var (column, j) in by.OptionList.Select((o, j) => (o, j)))
            {
                var inColumn = answered.Where(s => s.Answers.GetValueOrDefault(by.Id)?.Contains(column.Id) == true).ToList();
                Assert.True(inColumn.Count == input.ColumnBases[j], $"{because}: base {question.Id} × {column.Id}");
                foreach (var (row, i) in question.OptionList.Select((o, i) => (o, i)))
                    Assert.True(inColumn.Count(s => s.Answers[question.Id].Contains(row.Id)) == input.Counts[i, j], $"{because}: cell {question.Id}:{row.Id} × {column.Id}");
                if (input.PatternsByColumn is { } byColumn)
                    Assert.Equal(inColumn.GroupBy(s => Mask(question, s.Answers[question.Id])).ToDictionary(g => g.Key, g => (long)g.Count()).OrderBy(p => p.Key),
                        byColumn[j].OrderBy(p => p.Key));
            }
        }

        foreach (var ((questionId, optionId), texts) in counts.Texts)
        {
            var written = expected.Where(s => s.Texts.ContainsKey((questionId, optionId))).Select(s => s.Texts[(questionId, optionId)]).ToList();
            Assert.True(written.Count == texts.Writers, $"{because}: writers {questionId}:{optionId}");
            var top = written.GroupBy(t => t).Select(g => (Text: g.Key, Count: (long)g.Count()))
                .OrderByDescending(t => t.Count).ThenBy(t => t.Text, StringComparer.Ordinal).Take(PatternPass.MaxTextsPerKey).ToList();
            Assert.Equal(top, texts.Top);
        }

        var scores = expected.Select(s => (Level: LevelOf(by, s), Score: CompositeScore(questionnaire, s))).Where(s => s.Score is not null).ToList();
        AssertMoments(scores.Select(s => s.Score!.Value).ToList(), counts.Composite, because);
        if (by is not null)
            for (var level = 0; level <= by.OptionList.Count; level++)
                AssertMoments(scores.Where(s => s.Level == level).Select(s => s.Score!.Value).ToList(), counts.CompositeByLevel[level], $"{because}: level {level}");

        Assert.Equal(expected.Count == 0 ? null : ResponseColumns.TimeOf(expected.Min(s => s.Minute)), counts.First);
        Assert.Equal(expected.Count == 0 ? null : ResponseColumns.TimeOf(expected.Max(s => s.Minute)), counts.Last);
        // Per Beijing day (UTC+8): the naive recount shifts each time by 8 hours before taking its date.
        Assert.Equal(expected.GroupBy(s => DateOnly.FromDateTime(ResponseColumns.TimeOf(s.Minute).AddHours(8))).ToDictionary(g => g.Key, g => (long)g.Count()).OrderBy(d => d.Key),
            counts.Days.OrderBy(d => d.Key));
    }

    private static void AssertMoments(List<double> scores, CompositeMoments moments, string because)
    {
        Assert.True(scores.Count == moments.N, $"{because}: composite n");
        Assert.Equal(scores.Sum(), moments.Sum, 6);
        Assert.Equal(scores.Sum(s => s * s), moments.SumOfSquares, 4);
    }

    /// <summary>Level of the break-down: 0 when not answered, else the option's position + 1.</summary>
    private static int LevelOf(Question? by, Submission s) =>
        by is null ? 0 : s.Answers.TryGetValue(by.Id, out var chosen) ? by.OptionList.ToList().FindIndex(o => o.Id == chosen[0]) + 1 : 0;

    /// <summary>Σ weight·score / Σ weight over the scored items the respondent rated with a score.</summary>
    private static double? CompositeScore(Questionnaire questionnaire, Submission s)
    {
        var rated = questionnaire.Questions.Where(q => q.IsScored && s.Answers.ContainsKey(q.Id))
            .Select(q => (q.EffectiveWeight, q.FindOption(s.Answers[q.Id][0])!.Score)).Where(r => r.Score is not null).ToList();
        return rated.Count == 0 ? null : rated.Sum(r => r.EffectiveWeight * r.Score!.Value) / rated.Sum(r => r.EffectiveWeight);
    }

    private static long Mask(Question question, IEnumerable<string> chosen) =>
        chosen.Aggregate(0L, (mask, option) => mask | 1L << question.OptionList.ToList().FindIndex(o => o.Id == option));

    private static bool Passes(Submission s, ResponseFilter filter, PassRequest request) =>
        (request.FromMinute is not { } from || s.Minute >= from) && (request.ToMinute is not { } to || s.Minute < to)
        && filter.Where.All(w => s.Answers.GetValueOrDefault(w.Question)?.Contains(w.Option) == true);

    /// <summary>
    /// Loads in several publishes (as refreshes do), each batch in sequence order with its texts arriving after its rows,
    /// and the batches' numbers out of order between batches, as PostgreSQL readers may see them (a transaction that took
    /// its numbers first can commit last), so the pass must not depend on the rows' order.
    /// </summary>
    private static ResponseColumns Load(AnswerLayout layout, List<Submission> submissions, Random random)
    {
        var columns = new ResponseColumns(layout);
        var masks = new ulong[Math.Max(1, layout.SlotCount)];
        var row = 0;
        var number = 0;
        foreach (var batch in submissions.Chunk(Math.Max(1, random.Next(1, 200))))
        {
            // Every other batch numbered below all before it (a batch takes fewer than 1,000 numbers).
            number++;
            var seq = 1_000_000L + (number % 2 == 0 ? 1 : -1) * number * 1_000L;
            var first = row;
            foreach (var s in batch)
            {
                seq += 1 + (random.Next(10) == 0 ? 1 : 0); // gaps are allowed
                PatternCodec.Decode(layout.Encode(s.Answers.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value)), masks);
                columns.Append(seq, ResponseColumns.TimeOf(s.Minute), masks);
                row++;
            }
            // Texts are found by their response's number among the batch, as the refresh finds them.
            for (var r = first; r < row; r++)
                foreach (var ((question, option), text) in submissions[r].Texts)
                    columns.AddText(columns.Seq(r), question, option, text);
            columns.Publish();
        }
        return columns;
    }

    private static (PassRequest, ResponseFilter, Question?) RandomRequest(Questionnaire questionnaire, AnswerLayout layout, List<Submission> submissions, Random random)
    {
        var choice = questionnaire.Questions.Where(q => q.Type != QuestionType.Text).ToList();
        var where = new List<(string, string)>();
        for (var i = random.Next(0, 3); i > 0; i--)
        {
            var q = choice[random.Next(choice.Count)];
            where.Add((q.Id, q.OptionList[random.Next(q.OptionList.Count)].Id));
        }
        // Bounds are often a stored minute exactly, so both edges of the range are tested.
        int Minute() => submissions.Count > 0 && random.Next(2) == 0 ? submissions[random.Next(submissions.Count)].Minute : random.Next(0, 31 * 1440);
        int? from = random.Next(3) == 0 ? Minute() : null;
        int? to = random.Next(3) == 0 ? Math.Max(from ?? 0, Minute()) : null;
        var singles = choice.Where(q => q.Type == QuestionType.Single).ToList();
        var by = singles.Count > 0 && random.Next(3) > 0 ? singles[random.Next(singles.Count)] : null;
        var request = new PassRequest(from, to,
            where.Select(w => (IndexOf(layout, w.Item1), 1UL << layout.Find(w.Item1)!.BitOf(w.Item2)!.Value)).ToList(),
            by is null ? null : IndexOf(layout, by.Id), null, Texts: true, Composite: true);
        return (request, new ResponseFilter(null, null, where), by);
    }

    private static int IndexOf(AnswerLayout layout, string questionId) =>
        layout.Questions.Select((q, i) => (q, i)).Single(x => x.q.Question.Id == questionId).i;

    private static Questionnaire RandomQuestionnaire(Random random)
    {
        var questions = new List<Question>();
        for (var q = 0; q < random.Next(1, 7); q++)
        {
            var kind = random.Next(10);
            var type = kind < 5 ? QuestionType.Single : kind < 9 ? QuestionType.Multi : QuestionType.Text;
            var earlier = questions.Where(x => x.Type != QuestionType.Text).ToList();
            VisibleIf? condition = earlier.Count > 0 && random.Next(3) == 0 ? Condition(earlier[random.Next(earlier.Count)], random) : null;
            if (type == QuestionType.Text)
            {
                questions.Add(new Question { Id = $"q{q}", Text = $"题{q}", Type = type, VisibleIf = condition });
                continue;
            }
            // Now and then wider than the flat-array limit, so the dictionary path is exercised too.
            var optionCount = random.Next(10) == 0 ? random.Next(PatternPass.DenseWidth + 1, 24) : random.Next(2, 9);
            var scored = type == QuestionType.Single && random.Next(2) == 0;
            var options = Enumerable.Range(0, optionCount).Select(o => new QuestionOption
            {
                Id = $"o{o}",
                Label = $"选项{o}",
                AllowsText = o == optionCount - 1 && random.Next(3) == 0,
                ScoreElement = scored ? JsonDocument.Parse(o == optionCount - 1 ? "null" : (random.Next(0, 5) * 25).ToString()).RootElement : default,
            }).ToList();
            questions.Add(new Question { Id = $"q{q}", Text = $"题{q}", Type = type, Options = options, VisibleIf = condition, Weight = scored ? random.Next(1, 4) : null });
        }
        return new Questionnaire { Id = "random", Version = 1, Title = "随机问卷", Questions = questions };
    }

    private static VisibleIf Condition(Question controller, Random random) => new()
    {
        Question = controller.Id,
        AnyOf = controller.OptionList.Where(_ => random.Next(2) == 0).Select(o => o.Id).DefaultIfEmpty(controller.OptionList[0].Id).ToList(),
    };

    private static Questionnaire Reordered(Questionnaire questionnaire, Random random) => questionnaire with
    {
        Questions = questionnaire.Questions.OrderBy(_ => random.Next())
            .Select(q => q with { Options = q.Options?.OrderBy(_ => random.Next()).ToList() }).ToList(),
    };

    private static Submission RandomSubmission(Questionnaire questionnaire, Random random)
    {
        var answers = new Dictionary<string, string[]>();
        var texts = new Dictionary<(string, string?), string>();
        foreach (var question in questionnaire.Questions)
        {
            // Conditions are not enforced here: the pass must count whatever is stored.
            if (random.Next(5) == 0) continue;
            if (question.Type == QuestionType.Text)
            {
                texts[(question.Id, null)] = $"建议{random.Next(4)}";
                continue;
            }
            var options = question.OptionList;
            var chosen = question.Type == QuestionType.Single
                ? [options[random.Next(options.Count)]]
                : options.Where(_ => random.Next(3) == 0).DefaultIfEmpty(options[random.Next(options.Count)]).ToList();
            answers[question.Id] = chosen.Select(o => o.Id).ToArray();
            if (chosen.FirstOrDefault(o => o.AllowsText) is { } other && random.Next(2) == 0)
                texts[(question.Id, other.Id)] = random.Next(3) switch { 0 => "修路", 1 => "<b>广场舞</b>", _ => $"其他{random.Next(300)}" };
        }
        return new Submission(random.Next(0, 31 * 1440), answers, texts);
    }
}
