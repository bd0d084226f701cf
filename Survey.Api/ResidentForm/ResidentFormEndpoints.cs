using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Survey.Core.Questionnaires;
using Survey.Api.Codes;
using Survey.Api.Limits;
using Survey.Api.Model;
using Survey.Api.Responses;
using Survey.Api.Schedule;

namespace Survey.Api.ResidentForm;

/// <summary>
/// The resident pages: <c>GET /</c> lists open questionnaires, <c>GET /q/{id}</c> shows a form, <c>POST /q/{id}</c>
/// takes the classic (no JavaScript) form submission, <c>GET /q/{id}/thanks</c> thanks. With JavaScript the form
/// posts JSON to the responses API instead. Both paths share <see cref="SubmissionValidator"/> and <see cref="ResponseStore"/>.
/// No cookies, and nothing about the request (IP address, user agent) is stored.
/// </summary>
public static class ResidentFormEndpoints
{
    public static RouteGroupBuilder MapResidentForm(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").WithTags("Resident form").ExcludeFromDescription()
            .AddEndpointFilter(async (invocation, next) =>
            {
                NotStored(invocation.HttpContext.Response);
                return await next(invocation);
            });
        pages.MapGet("/", ShowIndex).WithName(nameof(ShowIndex));
        pages.MapGet("/q/{id}", ShowForm).WithName(nameof(ShowForm));
        // No cookies are set or read on resident pages, so there is no ambient credential for a forged
        // cross-site POST to use: anti-forgery tokens would protect nothing here.
        pages.MapPost("/q/{id}", SubmitForm).WithName(nameof(SubmitForm)).DisableAntiforgery()
            .WithMetadata(new ThrottledEndpoint(ThrottledEndpoint.Kind.FormSubmission));
        pages.MapGet("/q/{id}/thanks", ShowThanks).WithName(nameof(ShowThanks));
        return pages;
    }

    public static ContentHttpResult ShowIndex(QuestionnaireCatalog catalog, IWebHostEnvironment environment, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return Page(FormRenderer.Index(catalog.All.Where(q => q.StateAt(now) == CollectionState.Collecting), AssetsOf(environment)));
    }

    /// <param name="code">From the QR link on an invitation slip (<c>/q/{id}?code=ABCD-EFGHJ</c>): filled into the code field.</param>
    public static ContentHttpResult ShowForm(string id, string? code, QuestionnaireCatalog catalog, IWebHostEnvironment environment, TimeProvider clock)
    {
        var assets = AssetsOf(environment);
        if (FindOpen(id, catalog, assets, clock) is { } refusal) return refusal;
        var questionnaire = catalog.Find(id)!;
        var shown = questionnaire.Access == QuestionnaireAccess.Codes && code is { Length: <= 20 }
            ? InvitationCodeFormat.Normalize(code) is { } canonical ? InvitationCodeFormat.Display(canonical) : code
            : null;
        return Page(FormRenderer.Form(questionnaire, FormRenderer.FormState.Fresh(shown), assets));
    }

    /// <summary>
    /// The classic POST: validated exactly like the JSON API. On error the form comes back (400) with the answers kept
    /// and each error beside its question; on success a redirect to the thank-you page, so reloading it posts nothing.
    /// </summary>
    public static async Task<Results<ContentHttpResult, SeeOther>> SubmitForm(string id, HttpRequest request, QuestionnaireCatalog catalog, ResponseStore store,
        IOptions<SurveyOptions> options, IWebHostEnvironment environment, TimeProvider clock, InvitationCodeHasher codes, CancellationToken cancellationToken)
    {
        var assets = AssetsOf(environment);
        if (FindOpen(id, catalog, assets, clock) is { } refusal) return refusal;
        var questionnaire = catalog.Find(id)!;
        if (!request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
            return Page(FormRenderer.Message("提交格式错误", "请通过问卷页面提交答卷。", assets), StatusCodes.Status415UnsupportedMediaType);

        // URL-encoding turns one Chinese character into 9 bytes, so the form may be up to 4 times the JSON limit.
        var limit = options.Value.MaxSubmissionBytes * 4;
        var body = await BoundedBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
            return Page(FormRenderer.Message("提交内容过大，未保存", $"答卷不能超过{limit / 1024}KB，请缩短填写的文字后重新提交。", assets),
                StatusCodes.Status413PayloadTooLarge);

        var form = await FormSubmissionReader.ReadAsync(body);
        var key = form.IdempotencyKey ?? FormRenderer.NewKey();
        var errors = form.Errors.Count > 0 ? form.Errors : SubmissionValidator.Validate(questionnaire, form.Submission);
        string? code = null;
        if (questionnaire.Access == QuestionnaireAccess.Codes)
        {
            code = InvitationCodeFormat.Normalize(form.InvitationCode);
            if (code is null)
                errors = [(string.IsNullOrWhiteSpace(form.InvitationCode) ? CodeRefusal.Required : CodeRefusal.Malformed).AsError(), .. errors];
        }
        var state = new FormRenderer.FormState(form.Submission, errors, key, form.InvitationCode);
        if (errors.Count > 0)
            return Page(FormRenderer.Form(questionnaire, state, assets), StatusCodes.Status400BadRequest);

        StoreResult result;
        try
        {
            result = await store.SaveAsync(questionnaire, form.Submission, key, cancellationToken,
                code is null ? null : await codes.HashAsync(questionnaire.Id, code, cancellationToken));
        }
        catch (Exception exception) when (DatabaseOutage.Is(exception))
        {
            // The same key: if the store did commit before failing, sending the page again stores nothing twice.
            TryAgain.SetRetryAfter(request.HttpContext.Response, TryAgain.BusySeconds);
            return TryAgainForm(questionnaire, form.Submission, key, TryAgain.BusyDetail, StatusCodes.Status503ServiceUnavailable, assets, form.InvitationCode);
        }
        if (CodeRefusal.For(result.Outcome) is { } codeRefusal)
            return Page(FormRenderer.Form(questionnaire, state with { Errors = [codeRefusal.AsError()] }, assets), codeRefusal.Status);
        if (result.Outcome == StoreOutcome.KeyReusedWithDifferentBody)
        {
            // This page's answers were already submitted once (e.g. "back" after submitting, then changed): keep the
            // new answers on screen with a fresh key, so submitting again stores them as a new response.
            SubmissionError[] already = [new("$", "idempotency", "本页的答卷已经提交过，修改后的答案未保存。如需再提交一份答卷，请再次点击“提交问卷”。")];
            return Page(FormRenderer.Form(questionnaire, new(form.Submission, already, FormRenderer.NewKey(), form.InvitationCode), assets), StatusCodes.Status409Conflict);
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
        ContentHttpResult page;
        if (context.Request.RouteValues["id"] is string id && catalog.Find(id) is { } questionnaire
            && questionnaire.StateAt(context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()) == CollectionState.Collecting
            && context.Request.HasFormContentType && await BoundedBody.ReadAsync(context.Request, limit, cancellationToken) is { } body)
        {
            var form = await FormSubmissionReader.ReadAsync(body);
            page = TryAgainForm(questionnaire, form.Submission, form.IdempotencyKey ?? FormRenderer.NewKey(), message, statusCode, assets, form.InvitationCode);
        }
        else page = Page(FormRenderer.Message(TryAgain.BusyTitle, message, assets), statusCode);
        NotStored(context.Response);
        await page.ExecuteAsync(context);
    }

    private static ContentHttpResult TryAgainForm(Questionnaire questionnaire, ResponseSubmission answers, string key, string message, int statusCode,
        FormRenderer.Assets assets, string? invitationCode)
    {
        SubmissionError[] note = [new("$", TryAgain.Rule, message)];
        return Page(FormRenderer.Form(questionnaire, new(answers, note, key, invitationCode), assets), statusCode);
    }

    public static ContentHttpResult ShowThanks(string id, QuestionnaireCatalog catalog, IWebHostEnvironment environment)
    {
        var assets = AssetsOf(environment);
        return catalog.Find(id) is { } questionnaire
            ? Page(FormRenderer.Thanks(questionnaire, assets))
            : NotFound(id, assets);
    }

    /// <summary>Null when the questionnaire takes responses now; otherwise the page saying why (not found, not yet open, ended, closed).</summary>
    private static ContentHttpResult? FindOpen(string id, QuestionnaireCatalog catalog, FormRenderer.Assets assets, TimeProvider clock)
    {
        if (catalog.Find(id) is not { } questionnaire) return NotFound(id, assets);
        return CollectionWindow.Refusal(questionnaire, clock.GetUtcNow()) is { } refusal
            ? Page(FormRenderer.Message(refusal.Title, refusal.Detail, assets), StatusCodes.Status409Conflict)
            : null;
    }

    private static ContentHttpResult NotFound(string id, FormRenderer.Assets assets) =>
        Page(FormRenderer.Message("问卷不存在", $"没有编号为“{id}”的问卷。", assets), StatusCodes.Status404NotFound);

    private static FormRenderer.Assets AssetsOf(IWebHostEnvironment environment) =>
        new(FormAssets.Url(environment, FormAssets.Stylesheet), FormAssets.Url(environment, FormAssets.Script), FormAssets.Url(environment, FormAssets.Icon));

    /// <summary>An HTML page that is not cached: it may hold a resident's answers (e.g. on a shared phone).</summary>
    /// <remarks>Cache-Control: no-store is set for every resident page by <see cref="NotStored"/>.</remarks>
    private static ContentHttpResult Page(string html, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Content(html, "text/html; charset=utf-8", statusCode: statusCode);

    /// <summary>Resident pages may hold a resident's answers (e.g. on a shared phone): never cached.</summary>
    private static void NotStored(HttpResponse response) => response.Headers.CacheControl = "no-store";
}
