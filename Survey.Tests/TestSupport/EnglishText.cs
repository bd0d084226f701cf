using System.Text.RegularExpressions;

namespace Survey.Tests.TestSupport;

/// <summary>Organisers read Chinese: finds English prose (four or more words in a row, separated by spaces) in what they see.</summary>
public static partial class EnglishText
{
    public static void AssertNone(string text, string where)
    {
        var sentence = Sentence().Match(text);
        Assert.False(sentence.Success, $"English words organisers would read in {where}: “{sentence.Value}”");
    }

    /// <summary>The visible text of an HTML page: tags, scripts and styles removed, entities left (they are not words).</summary>
    public static string VisibleText(string html) =>
        Regex.Replace(Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline), "<[^>]+>", " ");

    /// <summary>Ids such as "elderly-weak-sick-disabled" are data, not prose.</summary>
    [GeneratedRegex(@"\b[A-Za-z][a-z]+(?:[,;:']?[ ]+[A-Za-z][a-z]+){3,}")]
    private static partial Regex Sentence();
}
