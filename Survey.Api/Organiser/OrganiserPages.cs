using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Auth;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Organiser;

/// <summary>The organiser dashboard (server-rendered HTML, organiser sign-in required).</summary>
public static class OrganiserPages
{
    public static RouteGroupBuilder MapOrganiserPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/admin").WithTags("Organiser dashboard").RequireAuthorization(OrganiserPolicy.Name);
        pages.MapGet("/", ShowDashboard).WithName(nameof(ShowDashboard));
        return pages;
    }

    public static ContentHttpResult ShowDashboard(HttpContext context) =>
        Page(context, "工作台", Html($"<h1>问卷</h1>"));
}
