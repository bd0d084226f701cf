using Microsoft.Extensions.Options;
using Survey.Core.Questionnaires;
using Survey.Api.Limits;
using Survey.Api.Model;
using Survey.Api.Responses;

namespace Survey.Api.ResidentForm;

/// <summary>
/// The resident pages: <c>GET /</c> lists open questionnaires, <c>GET /q/{id}</c> shows a form, <c>POST /q/{id}</c>
/// takes the classic (no JavaScript) form submission, <c>GET /q/{id}/thanks</c> thanks. With JavaScript the form
/// posts JSON to the responses API instead. Both paths share <see cref="SubmissionValidator"/> and <see cref="ResponseStore"/>.
/// No cookies, and nothing about the request (IP address, user agent) is stored.
/// </summary>
public static class ResidentFormEndpoints
{
    private const string HtmlContentType = "text/html; charset=utf-8";

    public static RouteGroupBuilder MapResidentForm(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").WithTags("Resident form").ExcludeFromDescription();
        pages.MapGet("/", ShowIndex).WithName(nameof(ShowIndex));
        pages.MapGet("/q/{id}", ShowForm).WithName(nameof(ShowForm));
        // No cookies are set or read on resident pages, so there is no ambient credential for a forged
        // cross-site POST to use: anti-forgery tokens would protect nothing here.
        pages.MapPost("/q/{id}", SubmitForm).WithName(nameof(SubmitForm)).DisableAntiforgery()
            .WithMetadata(new ThrottledEndpoint(ThrottledEndpoint.Kind.FormSubmission));
        pages.MapGet("/q/{id}/thanks", ShowThanks).WithName(nameof(ShowThanks));
        return pages;
    }

    public static IResult ShowIndex(QuestionnaireCatalog catalog, IWebHostEnvironment environment) =>
        Html(FormRenderer.Index(catalog.All, AssetsOf(environment)));

    public static IResult ShowForm(string id, QuestionnaireCatalog catalog, IWebHostEnvironment environment)
    {
        var assets = AssetsOf(environment);
        if (FindOpen(id, catalog, assets) is { } refusal) return refusal;
        return Html(FormRenderer.Form(catalog.Find(id)!, FormRenderer.FormState.Fresh(), assets));
    }

    /// <summary>
    /// The classic POST: validated exactly like the JSON API. On error the form comes back (400) with the answers kept
    /// and each error beside its question; on success a redirect to the thank-you page, so reloading it posts nothing.
    /// </summary>
    public static async Task<IResult> SubmitForm(string id, HttpRequest request, QuestionnaireCatalog catalog, ResponseStore store,
        IOptions<SurveyOptions> options, IWebHostEnvironment environment, CancellationToken cancellationToken)
    {
        var assets = AssetsOf(environment);
        if (FindOpen(id, catalog, assets) is { } refusal) return refusal;
        var questionnaire = catalog.Find(id)!;
        if (!request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
            return Html(FormRenderer.Message("提交格式错误", "请通过问卷页面提交答卷。", assets), StatusCodes.Status415UnsupportedMediaType);

        // URL-encoding turns one Chinese character into 9 bytes, so the form may be up to 4 times the JSON limit.
        var limit = options.Value.MaxSubmissionBytes * 4;
        var body = await BoundedBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
            return Html(FormRenderer.Message("提交内容过大，未保存", $"答卷不能超过{limit / 1024}KB，请缩短填写的文字后重新提交。", assets),
                StatusCodes.Status413PayloadTooLarge);

        var form = await FormSubmissionReader.ReadAsync(body);
        var key = form.IdempotencyKey ?? FormRenderer.NewKey();
        var errors = form.Errors.Count > 0 ? form.Errors : SubmissionValidator.Validate(questionnaire, form.Submission);
        if (errors.Count > 0)
            return Html(FormRenderer.Form(questionnaire, new(form.Submission, errors, key), assets), StatusCodes.Status400BadRequest);

        StoreResult result;
        try
        {
            result = await store.SaveAsync(questionnaire, form.Submission, key, cancellationToken);
        }
        catch (Exception exception) when (DatabaseOutage.Is(exception))
        {
            // The same key: if the store did commit before failing, sending the page again stores nothing twice.
            TryAgain.SetRetryAfter(request.HttpContext.Response, TryAgain.BusySeconds);
            return TryAgainForm(questionnaire, form.Submission, key, TryAgain.BusyDetail, StatusCodes.Status503ServiceUnavailable, assets);
        }
        if (result.Outcome == StoreOutcome.KeyReusedWithDifferentBody)
        {
            // This page's answers were already submitted once (e.g. "back" after submitting, then changed): keep the
            // new answers on screen with a fresh key, so submitting again stores them as a new response.
            SubmissionError[] already = [new("$", "idempotency", "本页的答卷已经提交过，修改后的答案未保存。如需再提交一份答卷，请再次点击“提交问卷”。")];
            return Html(FormRenderer.Form(questionnaire, new(form.Submission, already, FormRenderer.NewKey()), assets), StatusCodes.Status409Conflict);
        }
        return new SeeOther(FormRenderer.ThanksPath(questionnaire.Id));
    }

    /// <summary>
    /// A submission refused by the limits before it was read (<see cref="RequestLimits"/>): the form comes back with
    /// the answers the resident sent and a note to send it again shortly, so nothing typed is lost.
    /// </summary>
    public static async Task RefuseAsync(HttpContext context, int statusCode, string message, CancellationToken cancellationToken)
    {
        var assets = AssetsOf(context.RequestServices.GetRequiredService<IWebHostEnvironment>());
        var catalog = context.RequestServices.GetRequiredService<QuestionnaireCatalog>();
        var limit = context.RequestServices.GetRequiredService<IOptions<SurveyOptions>>().Value.MaxSubmissionBytes * 4;
        IResult page;
        if (context.Request.RouteValues["id"] is string id && catalog.Find(id) is { Open: true } questionnaire
            && context.Request.HasFormContentType && await BoundedBody.ReadAsync(context.Request, limit, cancellationToken) is { } body)
        {
            var form = await FormSubmissionReader.ReadAsync(body);
            page = TryAgainForm(questionnaire, form.Submission, form.IdempotencyKey ?? FormRenderer.NewKey(), message, statusCode, assets);
        }
        else page = Html(FormRenderer.Message(TryAgain.BusyTitle, message, assets), statusCode);
        await page.ExecuteAsync(context);
    }

    private static IResult TryAgainForm(Questionnaire questionnaire, ResponseSubmission answers, string key, string message, int statusCode, FormRenderer.Assets assets)
    {
        SubmissionError[] note = [new("$", TryAgain.Rule, message)];
        return Html(FormRenderer.Form(questionnaire, new(answers, note, key), assets), statusCode);
    }

    public static IResult ShowThanks(string id, QuestionnaireCatalog catalog, IWebHostEnvironment environment)
    {
        var assets = AssetsOf(environment);
        return catalog.Find(id) is { } questionnaire
            ? Html(FormRenderer.Thanks(questionnaire, assets))
            : NotFound(id, assets);
    }

    private static IResult? FindOpen(string id, QuestionnaireCatalog catalog, FormRenderer.Assets assets)
    {
        if (catalog.Find(id) is not { } questionnaire) return NotFound(id, assets);
        return questionnaire.Open
            ? null
            : Html(FormRenderer.Message("问卷已关闭", $"“{questionnaire.Title}”已停止收集答卷。", assets), StatusCodes.Status409Conflict);
    }

    private static IResult NotFound(string id, FormRenderer.Assets assets) =>
        Html(FormRenderer.Message("问卷不存在", $"没有编号为“{id}”的问卷。", assets), StatusCodes.Status404NotFound);

    private static FormRenderer.Assets AssetsOf(IWebHostEnvironment environment) =>
        new(FormAssets.Url(environment, FormAssets.Stylesheet), FormAssets.Url(environment, FormAssets.Script), FormAssets.Url(environment, FormAssets.Icon));

    /// <summary>An HTML page that is not cached: it may hold a resident's answers (e.g. on a shared phone).</summary>
    private static IResult Html(string html, int statusCode = StatusCodes.Status200OK) => new HtmlPage(html, statusCode);

    private sealed class HtmlPage(string html, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = statusCode;
            context.Response.ContentType = HtmlContentType;
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsync(html, context.RequestAborted);
        }
    }

    /// <summary>303 See Other: after a POST, the browser GETs the thank-you page.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = location;
            context.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }
    }
}
