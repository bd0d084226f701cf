using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.ResidentForm;
using Survey.Core.Questionnaires;

namespace Survey.Api.Paper;

/// <summary>
/// <c>GET /q/{id}/paper</c>: the printable paper form of a questionnaire (<see cref="PaperForm"/>), public like the
/// form itself (it shows only the questions). Served for a closed questionnaire too: its paper forms may still be
/// printed and typed in.
/// </summary>
public static class PaperFormEndpoints
{
    public static RouteGroupBuilder MapPaperForm(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").WithTags("Resident form").ExcludeFromDescription();
        pages.MapGet("/q/{id}/paper", ShowPaperForm).WithName(nameof(ShowPaperForm));
        return pages;
    }

    public static Results<ContentHttpResult, NotFound<string>> ShowPaperForm(string id, QuestionnaireCatalog catalog, IWebHostEnvironment environment)
    {
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        return TypedResults.Content(PaperForm.Render(questionnaire, FormAssets.Url(environment, PaperForm.Stylesheet)).Value, "text/html; charset=utf-8");
    }
}
