using System.Text.Json.Nodes;
using Survey.Core.Questionnaires;

namespace Survey.Tests.Core.Questionnaires;

/// <summary>opensAt / closesAt in the questionnaire file: ISO 8601, Beijing time without an offset, path-precise errors.</summary>
public sealed class QuestionnaireScheduleTests
{
    private static QuestionnaireLoadResult WithSchedule(object? opensAt, object? closesAt) =>
        QuestionnaireLoaderTests.LoadEdited("grassroots-service", node =>
        {
            if (opensAt is not null) node["opensAt"] = JsonValue.Create(opensAt);
            if (closesAt is not null) node["closesAt"] = JsonValue.Create(closesAt);
        });

    [Fact]
    public void A_time_without_an_offset_is_Beijing_time_and_one_with_an_offset_keeps_it()
    {
        var result = WithSchedule("2026-03-01T08:00", "2026-03-31T10:00:00Z");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        // 08:00 in Beijing is 00:00 UTC, whatever this machine's time zone.
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), result.Questionnaire!.OpensAt);
        Assert.Equal(TimeSpan.FromHours(8), result.Questionnaire.OpensAt!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 18, 0, 0, TimeSpan.FromHours(8)), result.Questionnaire.ClosesAt);
    }

    [Fact]
    public void Without_dates_a_questionnaire_has_no_schedule()
    {
        var result = WithSchedule(null, null);
        Assert.True(result.IsValid);
        Assert.Null(result.Questionnaire!.OpensAt);
        Assert.Null(result.Questionnaire.ClosesAt);
    }

    [Theory]
    [InlineData("2026-03-01", "opensAt")]
    [InlineData("2026/03/01 08:00", "opensAt")]
    [InlineData("next monday", "opensAt")]
    [InlineData("2026-02-30T08:00:00+08:00", "opensAt")]
    public void A_malformed_date_names_the_key(string text, string key)
    {
        var result = WithSchedule(text, null);
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith($"grassroots-service.json: {key}: ", error);
        Assert.Contains("ISO 8601", error);
    }

    [Fact]
    public void A_number_instead_of_a_date_names_the_key()
    {
        var result = WithSchedule(null, 20260301);
        Assert.StartsWith("grassroots-service.json: closesAt: ", Assert.Single(result.Errors));
    }

    [Theory]
    [InlineData("2026-03-31T08:00:00+08:00", "2026-03-01T08:00:00+08:00")]
    [InlineData("2026-03-01T08:00", "2026-03-01T00:00:00Z")] // the same moment written two ways
    public void ClosesAt_must_be_after_opensAt(string opens, string closes)
    {
        var result = WithSchedule(opens, closes);
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("grassroots-service.json: closesAt: ", error);
        Assert.Contains("must be after opensAt", error);
    }

    [Fact]
    public void The_state_follows_the_clock_and_open_false_wins()
    {
        var questionnaire = WithSchedule("2026-03-01T08:00", "2026-03-31T18:00").Questionnaire!;
        var beijing = TimeSpan.FromHours(8);
        Assert.Equal(CollectionState.NotYetOpen, questionnaire.StateAt(new DateTimeOffset(2026, 3, 1, 7, 59, 59, beijing)));
        Assert.Equal(CollectionState.Collecting, questionnaire.StateAt(new DateTimeOffset(2026, 3, 1, 8, 0, 0, beijing)));
        Assert.Equal(CollectionState.Collecting, questionnaire.StateAt(new DateTimeOffset(2026, 3, 31, 17, 59, 59, beijing)));
        Assert.Equal(CollectionState.Ended, questionnaire.StateAt(new DateTimeOffset(2026, 3, 31, 18, 0, 0, beijing)));
        Assert.Equal(CollectionState.Closed, (questionnaire with { Open = false }).StateAt(new DateTimeOffset(2026, 3, 15, 12, 0, 0, beijing)));
    }
}
