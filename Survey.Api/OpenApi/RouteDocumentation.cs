namespace Survey.Api.OpenApi;

/// <summary>The problem responses organiser views share, documented once for the OpenAPI document.</summary>
public static class RouteDocumentation
{
    /// <summary>400 for a bad filter, base, break-down or format; 404 for an unknown questionnaire or question.</summary>
    public static RouteHandlerBuilder ProducesQueryProblems(this RouteHandlerBuilder route) =>
        route.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
}
