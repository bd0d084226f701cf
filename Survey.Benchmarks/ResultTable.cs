using System.Globalization;

namespace Survey.Benchmarks;

/// <summary>The bench's output: one row per measurement with what it is compared with, printed as it comes and as a Markdown table at the end.</summary>
public sealed class ResultTable
{
    public sealed record Row(string Measure, string Database, string Responses, string Value, string Reference, string Ratio);

    private readonly List<Row> rows = [];

    public void Add(string measure, string database, int? responses, string value, string reference, string ratio)
    {
        var row = new Row(measure, database, responses?.ToString("N0", CultureInfo.InvariantCulture) ?? "", value, reference, ratio);
        rows.Add(row);
        Console.WriteLine($"  {row.Measure} | {row.Database} | {row.Responses} | {row.Value} | {row.Reference} | {row.Ratio}");
    }

    public static string Seconds(double seconds) => seconds.ToString(seconds < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + " s";
    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
    public static string Times(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public void PrintMarkdown()
    {
        Console.WriteLine();
        Console.WriteLine("| measure | database | responses | value | compared with | ratio |");
        Console.WriteLine("|---|---|---:|---:|---|---:|");
        foreach (var row in rows)
            Console.WriteLine($"| {row.Measure} | {row.Database} | {row.Responses} | {row.Value} | {row.Reference} | {row.Ratio} |");
    }
}
