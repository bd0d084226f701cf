using Survey.Analysis.Tallies;
using Survey.Api.Apis;
using Survey.Api.Organiser;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Apis;

/// <summary>The one parser of organiser query parameters, called directly: errors keyed by parameter, and the dashboard's query string round-trips.</summary>
public sealed class OrganiserQueryTests
{
    private static readonly Questionnaire Seed =
        QuestionnaireLoader.LoadFile(Path.Combine(RepositoryPaths.Questionnaires, "grassroots-service.json")).Questionnaire!;

    [Fact]
    public void Every_bad_parameter_is_reported_under_its_own_name_and_nothing_is_resolved()
    {
        var query = new OrganiserQuery(Seed.Id, From: "2026-13-01", To: "yesterday", Where: ["identity:nobody"], Round: "2026-Q5", Basis: "half", By: "problems");
        Assert.Null(query.Parse(Seed, out var errors));
        Assert.Equal(new[] { "base", "by", "from", "round", "to", "where" }, errors.Keys.Order());
        Assert.Contains("answered（回答本题的受访者）", errors["base"][0]);
        Assert.Contains("单选题", errors["by"][0]);
    }

    [Fact]
    public void A_good_query_resolves_to_the_filter_base_and_break_down_and_is_written_back_the_same()
    {
        var query = new OrganiserQuery(Seed.Id, From: "2026-01-01", To: "2026-03-31", Where: ["identity:cadre"], Round: "2026-Q1", Basis: "SHOWN", By: "identity");
        var resolved = query.Parse(Seed, out var errors);
        Assert.Empty(errors);
        Assert.NotNull(resolved);
        Assert.Equal(TallyBase.Shown, resolved.Basis);
        Assert.Equal("identity", resolved.By?.Id);
        Assert.Equal("2026-Q1", resolved.Filter.Round?.Id);
        Assert.Equal(new[] { ("identity", "cadre") }, resolved.Filter.Where);
        Assert.Equal("?round=2026-Q1&from=2026-01-01&to=2026-03-31&where=identity%3Acadre&base=shown&by=identity",
            DashboardQuery.For(resolved.Filter, resolved.Basis, resolved.By).Value);
    }

    [Fact]
    public void No_parameters_mean_every_response_the_answered_base_and_no_break_down()
    {
        var resolved = new OrganiserQuery(Seed.Id).Parse(Seed, out _);
        Assert.NotNull(resolved);
        Assert.True(resolved.Filter.IsEmpty);
        Assert.Equal(TallyBase.Answered, resolved.Basis);
        Assert.Null(resolved.By);
        Assert.Equal("", DashboardQuery.For(resolved.Filter, resolved.Basis, resolved.By).Value);
    }

    [Theory]
    [InlineData(TallyBase.Answered, "answered")]
    [InlineData(TallyBase.Shown, "shown")]
    [InlineData(TallyBase.All, "all")]
    public void The_base_is_written_and_read_back(TallyBase basis, string text)
    {
        Assert.Equal(text, TallyBaseQuery.Format(basis));
        Assert.True(TallyBaseQuery.TryParse(text, out var parsed));
        Assert.Equal(basis, parsed);
    }
}
