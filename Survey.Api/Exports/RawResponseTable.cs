using System.Runtime.CompilerServices;
using Survey.Api.Infrastructure;
using Survey.Api.Results;
using Survey.Core.Patterns;

namespace Survey.Api.Exports;

/// <summary>
/// The raw responses as one table, one row per response in submission order: response id, submission time, mode, then
/// per single question the chosen option's id and label, per multi question one 0/1 column per option (empty when
/// the question was not answered), the "other" text where the question has one, and each text question's answer.
/// Read from the database in keyset-paged batches, so memory does not grow with the number of responses.
/// </summary>
public static class RawResponseTable
{
    public const int BatchSize = 500;
    public const string ResponseIdColumn = "response_id";
    public const string SubmittedAtColumn = "submitted_at";
    /// <summary>How the response reached the database, in Chinese (<see cref="ResponseFilter.ModeName"/>): 网上填写, 纸质问卷录入, 文件导入.</summary>
    public const string ModeColumn = "mode";

    /// <summary>The "other" option's own words: <c>problems.other.text</c> (beside the option's 0/1 column <c>problems.other</c>).</summary>
    public static string OtherTextColumn(string questionId, string optionId) => $"{questionId}.{optionId}.text";

    /// <summary>
    /// The columns: each question's number and full text once over its columns, a Chinese header per column (the
    /// option for multi columns), and a machine key (question and option ids) that stays stable for scripts.
    /// </summary>
    public static IReadOnlyList<ExportColumn> Columns(Questionnaire questionnaire)
    {
        var columns = new List<ExportColumn>
        {
            new("答卷编号", CellFormat.Text, ResponseIdColumn, 36),
            new("提交时间（UTC）", CellFormat.Time, SubmittedAtColumn),
            new("收集方式", CellFormat.Text, ModeColumn, 12),
        };
        foreach (var (question, index) in questionnaire.Questions.Select((q, i) => (q, i + 1)))
        {
            var title = $"{index}. {question.Text}";
            switch (question.Type)
            {
                case QuestionType.Single:
                    columns.Add(new("选项编号", CellFormat.Text, question.Id, question.OptionList.Max(o => CellText.Width(o.Id)), title));
                    columns.Add(new("选项", CellFormat.Text, $"{question.Id}.label", question.OptionList.Max(o => CellText.Width(o.Label)), title));
                    break;
                case QuestionType.Multi:
                    columns.AddRange(question.OptionList.Select(o => new ExportColumn($"{o.Label}（选=1）", CellFormat.Count, $"{question.Id}.{o.Id}", 10, title)));
                    break;
                case QuestionType.Text:
                    columns.Add(new("回答", CellFormat.LongText, question.Id, XlsxTableWriter.MaxLongTextWidth, title));
                    break;
            }
            if (question.OptionList.FirstOrDefault(o => o.AllowsText) is { } other)
                columns.Add(new($"{other.Label}（填写内容）", CellFormat.LongText, OtherTextColumn(question.Id, other.Id), 30, title));
        }
        return columns;
    }

    /// <summary>The machine keys of the columns (the second header row).</summary>
    public static IReadOnlyList<string> Header(Questionnaire questionnaire) => Columns(questionnaire).Select(c => c.Key!).ToList();

    /// <summary>The filtered responses as a table, read when written.</summary>
    public static ExportTable Create(SurveyDbContext db, AnswerLayout layout, ResponseFilter filter) =>
        new("答卷", Columns(layout.Questionnaire), ReadRows(db, layout, filter, CancellationToken.None));

    /// <summary>Pages by (submitted-at, id) in SQL with the date range; the answer conditions are tested on each decoded pattern.</summary>
    private static async IAsyncEnumerable<object?[]> ReadRows(
        SurveyDbContext db, AnswerLayout layout, ResponseFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var questionnaire = layout.Questionnaire;
        DateTime? lastAt = null;
        var lastId = Guid.Empty;
        while (true)
        {
            var page = filter.ApplyDates(db, questionnaire.Id).AsNoTracking();
            if (lastAt is { } at)
            {
                var id = lastId;
                page = page.Where(r => r.SubmittedAt > at || (r.SubmittedAt == at && r.Id > id));
            }
            var batch = await page.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id)
                .Select(r => new { r.Id, r.SubmittedAt, r.Mode, r.Patterns }).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0) yield break;

            var ids = batch.Select(r => r.Id).ToList();
            var answers = batch.ToDictionary(r => r.Id, r => layout.Decode(r.Patterns));
            var texts = (await db.Texts.AsNoTracking().Where(t => ids.Contains(t.ResponseId))
                    .Select(t => new { t.ResponseId, t.QuestionId, t.OptionId, t.Text }).ToListAsync(cancellationToken))
                .ToLookup(t => t.ResponseId, t => (t.QuestionId, t.OptionId, t.Text));

            foreach (var response in batch.Where(r => filter.Matches(answers[r.Id])))
                yield return Row(questionnaire, response.Id, response.SubmittedAt, response.Mode,
                    answers[response.Id].SelectMany(a => a.Value.Select(o => (a.Key, o))).ToHashSet(), texts[response.Id].ToList());
            lastAt = batch[^1].SubmittedAt;
            lastId = batch[^1].Id;
            if (batch.Count < BatchSize) yield break;
        }
    }

    private static object?[] Row(Questionnaire questionnaire, Guid id, DateTime submittedAt, Model.ResponseMode mode,
        HashSet<(string Question, string Option)> chosen, List<(string Question, string? Option, string Text)> texts)
    {
        var row = new List<object?> { id.ToString(), DateTime.SpecifyKind(submittedAt, DateTimeKind.Utc), ResponseFilter.ModeName(mode) };
        foreach (var question in questionnaire.Questions)
        {
            var options = question.OptionList.Where(o => chosen.Contains((question.Id, o.Id))).ToList();
            switch (question.Type)
            {
                case QuestionType.Single:
                    row.Add(options.FirstOrDefault()?.Id);
                    row.Add(options.FirstOrDefault()?.Label);
                    break;
                case QuestionType.Multi:
                    var answered = options.Count > 0;
                    row.AddRange(question.OptionList.Select(o => answered ? (object?)(chosen.Contains((question.Id, o.Id)) ? 1L : 0L) : null));
                    break;
                case QuestionType.Text:
                    row.Add(texts.FirstOrDefault(t => t.Question == question.Id && t.Option is null).Text);
                    break;
            }
            if (question.OptionList.Any(o => o.AllowsText))
                row.Add(texts.FirstOrDefault(t => t.Question == question.Id && t.Option is not null).Text);
        }
        return [.. row];
    }
}
