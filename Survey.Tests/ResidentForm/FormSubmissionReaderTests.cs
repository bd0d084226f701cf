using System.Text;
using Survey.Api.ResidentForm;

namespace Survey.Tests.ResidentForm;

/// <summary>The classic form body becomes the same submission the JSON API builds.</summary>
public sealed class FormSubmissionReaderTests
{
    private static Task<FormSubmissionReader.FormSubmission> Read(string body) => FormSubmissionReader.ReadAsync(Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task Fields_become_answers_other_texts_and_texts()
    {
        var form = await Read("key=abc-123&a:identity=resident&a:problems=superficial&a:problems=other&other:problems=%E4%B8%8A%E9%97%A8&other:satisfying-ways=&text:suggestions=a%0D%0Ab&text:empty=");
        Assert.Empty(form.Errors);
        Assert.Equal("abc-123", form.IdempotencyKey);
        Assert.Equal(["resident"], form.Submission.ChosenOptions("identity"));
        Assert.Equal(["superficial", "other"], form.Submission.ChosenOptions("problems"));
        Assert.Equal(new Dictionary<string, string> { ["problems"] = "上门" }, form.Submission.OtherText);
        Assert.Equal(new Dictionary<string, string> { ["suggestions"] = "a\nb" }, form.Submission.Text);
    }

    [Fact]
    public async Task Unknown_fields_and_doubled_texts_are_errors()
    {
        var form = await Read("a:identity=resident&mood=happy&other:problems=x&other:problems=y");
        Assert.Contains(form.Errors, e => e is { Key: "mood", Rule: "unknownField" });
        Assert.Contains(form.Errors, e => e is { Key: "problems", Rule: "duplicateKey" });
    }

    [Theory]
    [InlineData("key=has%20space")]
    [InlineData("key=%E4%B8%AD")]
    [InlineData("key=")]
    [InlineData("key=a&key=b")]
    [InlineData("a:identity=resident")]
    public async Task An_invalid_or_missing_key_is_no_key(string body) => Assert.Null((await Read(body)).IdempotencyKey);
}
