using Survey.Api.Assessments;

namespace Survey.Api.Rounds;

/// <summary>Every route of evaluation rounds: trends, league tables, and the three-step evaluation scores (API and organiser page).</summary>
public static class RoundsEndpoints
{
    public static IEndpointRouteBuilder MapEvaluationRounds(this IEndpointRouteBuilder app)
    {
        app.MapRoundsApi();
        app.MapRoundsPage();
        app.MapAssessmentsApi();
        app.MapAssessmentPages();
        return app;
    }
}
