using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Survey.Api.Exports;
using Survey.Api.Responses;

namespace Survey.Api.Import;

/// <summary>
/// The project's own <c>export.csv</c> (<see cref="RawResponseTable"/>) read back, so an export imported into an
/// empty database gives identical results and an identical export: the response id, submission time and mode are kept,
/// single questions are read from their option-id column (labels are ignored), multi questions from their 0/1
/// columns (all empty = not answered), texts with the export's formula quote removed (<see cref="CellText.Restore"/>).
/// Columns are found by name; every question column of the questionnaire must be there.
/// </summary>
public static class ExportCsvSource
{
    public static IEnumerable<ImportedLine> Read(TextReader reader, Questionnaire questionnaire, DateTime nowUtc)
    {
        // The export starts with its header block (questionnaire, scope, generation time), then the Chinese column
        // titles, then the machine keys: the row that begins with "response_id" is the header read here.
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = false });
        string[]? header = null;
        while (header is null && csv.Read())
            if (csv.Parser.Record is [RawResponseTable.ResponseIdColumn, ..] record) header = record;
        if (header is null)
        {
            yield return new ImportedLine(1, null, [new("$", "header", $"找不到表头：应有一行以“{RawResponseTable.ResponseIdColumn}”开头（导出文件的列编号行）")]);
            yield break;
        }
        var columns = header.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index);
        if (HeaderErrors(questionnaire, header) is { Count: > 0 } headerErrors)
        {
            yield return new ImportedLine(1, null, headerErrors);
            yield break;
        }

        var lastRow = csv.Parser.RawRow;
        var ids = new ImportIds();
        while (true)
        {
            ImportedLine? line;
            try
            {
                if (!csv.Read()) yield break;
                line = csv.Parser.Record!.Length == header.Length
                    ? ReadRecord(lastRow + 1, csv.Parser.Record!, columns, questionnaire, nowUtc, ids)
                    : new ImportedLine(lastRow + 1, null, [new("$", "csv", "此行不是有效的CSV记录（列数与表头不符或引号不成对）")]);
            }
            catch (CsvHelperException)
            {
                line = new ImportedLine(lastRow + 1, null, [new("$", "csv", "此行不是有效的CSV记录（列数与表头不符或引号不成对）")]);
            }
            lastRow = csv.Parser.RawRow;
            yield return line;
        }
    }

    private static List<SubmissionError> HeaderErrors(Questionnaire questionnaire, string[] header)
    {
        var expected = RawResponseTable.Header(questionnaire);
        var errors = header.Where(name => !expected.Contains(name))
            .Select(name => new SubmissionError(name, "unknownColumn", $"表头中的“{name}”不是此问卷导出文件的列")).ToList();
        errors.AddRange(expected.Where(name => name is not (RawResponseTable.ResponseIdColumn or RawResponseTable.SubmittedAtColumn or RawResponseTable.ModeColumn)
                                               && !name.EndsWith(".label", StringComparison.Ordinal) && !header.Contains(name))
            .Select(name => new SubmissionError(name, "missingColumn", $"表头缺少“{name}”列")));
        return errors;
    }

    private static ImportedLine ReadRecord(int line, string[] record, Dictionary<string, int> columns, Questionnaire questionnaire, DateTime nowUtc, ImportIds ids)
    {
        string Cell(string column) => columns.TryGetValue(column, out var index) ? record[index] : "";
        var errors = new List<SubmissionError>();
        var answers = new Dictionary<string, IReadOnlyList<string>>();
        var otherText = new Dictionary<string, string>();
        var text = new Dictionary<string, string>();
        foreach (var question in questionnaire.Questions)
        {
            switch (question.Type)
            {
                case QuestionType.Single when Cell(question.Id) is { Length: > 0 } option:
                    answers[question.Id] = [option];
                    break;
                case QuestionType.Multi:
                    var chosen = new List<string>();
                    var answered = false;
                    foreach (var option in question.OptionList)
                    {
                        var column = $"{question.Id}.{option.Id}";
                        switch (Cell(column))
                        {
                            case "": break;
                            case "0": answered = true; break;
                            case "1": answered = true; chosen.Add(option.Id); break;
                            default: errors.Add(new(question.Id, "cell", $"“{column}”应为0、1或空")); break;
                        }
                    }
                    if (answered) answers[question.Id] = chosen;
                    break;
                case QuestionType.Text when Cell(question.Id) is { Length: > 0 } written:
                    text[question.Id] = CellText.Restore(written);
                    break;
            }
            if (question.OptionList.FirstOrDefault(o => o.AllowsText) is { } other &&
                Cell(RawResponseTable.OtherTextColumn(question.Id, other.Id)) is { Length: > 0 } words)
                otherText[question.Id] = CellText.Restore(words);
        }

        // An export read back keeps its ids (a restore is the same responses); rows without one get the import's.
        var id = ids.For(line);
        if (Cell(RawResponseTable.ResponseIdColumn) is { Length: > 0 } idCell && !Guid.TryParse(idCell, out id))
            errors.Add(new(RawResponseTable.ResponseIdColumn, "cell", $"“{RawResponseTable.ResponseIdColumn}”应为答卷编号（GUID）"));
        var submittedAt = nowUtc;
        if (Cell(RawResponseTable.SubmittedAtColumn) is { Length: > 0 } timeCell &&
            !DateTime.TryParseExact(timeCell, CsvTableWriter.TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out submittedAt))
            errors.Add(new(RawResponseTable.SubmittedAtColumn, "cell", $"“{RawResponseTable.SubmittedAtColumn}”应为 {CsvTableWriter.TimeFormat} 格式的UTC时间"));

        // An export read back keeps each response's mode (a restore stays what it was); without the column: import.
        var mode = Model.ResponseMode.Import;
        if (Cell(RawResponseTable.ModeColumn) is { Length: > 0 } modeCell && !Results.ResponseFilter.TryParseMode(modeCell, out mode))
            errors.Add(new(RawResponseTable.ModeColumn, "cell", $"“{RawResponseTable.ModeColumn}”应为 网上填写、纸质问卷录入 或 文件导入"));

        return ImportedLine.Validate(line, questionnaire, new ResponseSubmission(answers, otherText, text), errors, id, submittedAt, mode);
    }
}
