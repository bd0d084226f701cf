using System.ComponentModel;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Analysis.Rounds;
using Survey.Api.Auth;
using Survey.Api.Organiser;
using Survey.Api.Rounds;
using Survey.Core.Questionnaires;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Assessments;

/// <summary>The organiser page where the self-assessment and the higher organisation's review are entered, per round.</summary>
public static class AssessmentPages
{
    public static RouteGroupBuilder MapAssessmentPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/admin/q/{id}").WithTags("Organiser dashboard").RequireAuthorization(OrganiserPolicy.Name);
        pages.MapGet("/assessments", ShowAssessments).WithName(nameof(ShowAssessments))
            .WithSummary("自评与组织考评录入页面").WithDescription("组织者页面（HTML）：按轮次录入各单位的自评分和上级组织考评分（0–100）。").Produces(200, contentType: "text/html");
        // The POST checks the anti-forgery token itself (a clear 400, as the sign-in form does) before reading the form.
        pages.MapPost("/assessments", SaveAssessments).WithName(nameof(SaveAssessments))
            .WithSummary("保存自评与组织考评").WithDescription("组织者页面的表单提交（防伪令牌）：只记录有变化的分数，每次修改都保留录入人和时间。");
        return pages;
    }

    public static async Task<Results<ContentHttpResult, NotFound<string>>> ShowAssessments(
        string id, [Description("测评轮次（问卷中命名的轮次，或 2026-Q1 这样的日历轮次）；默认为当前轮次")] string? round, HttpContext context, QuestionnaireCatalog catalog, AssessmentStore store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire || AssessmentStore.OrganisationQuestion(questionnaire) is null)
            return TypedResults.NotFound($"问卷“{id}”没有三步测评。");
        var resolved = RoundSchedule.Find(questionnaire, round)
            ?? RoundCalendar.Containing(RoundSchedule.DefaultPeriod(questionnaire), Survey.Core.Definitions.BeijingTime.DayOf(clock.GetUtcNow().UtcDateTime));
        return await Render(context, questionnaire, resolved, store, [], cancellationToken);
    }

    public static async Task<Results<ContentHttpResult, NotFound<string>, BadRequest<string>, RedirectHttpResult>> SaveAssessments(
        string id, HttpContext context, IAntiforgery antiforgery, QuestionnaireCatalog catalog, AssessmentStore store, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest(SignInPages.FormExpired);
        if (catalog.Find(id) is not { } questionnaire || AssessmentStore.OrganisationQuestion(questionnaire) is not { } organisations)
            return TypedResults.NotFound($"问卷“{id}”没有三步测评。");
        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (RoundSchedule.Find(questionnaire, form["round"]) is not { } round) return TypedResults.BadRequest(RoundSchedule.Unknown(form["round"].ToString()));

        var current = await store.CurrentAsync(questionnaire, round, cancellationToken);
        var errors = new List<string>();
        var changes = new List<(string, double?, double?)>();
        foreach (var organisation in organisations.OptionList)
        {
            bool selfOk = AssessmentStore.TryParseScore(form[$"self-{organisation.Id}"], out var self, out var selfError);
            bool reviewOk = AssessmentStore.TryParseScore(form[$"review-{organisation.Id}"], out var review, out var reviewError);
            if (!selfOk) errors.Add($"{organisation.Label}（自评）：{selfError}");
            if (!reviewOk) errors.Add($"{organisation.Label}（组织考评）：{reviewError}");
            var before = current.First(c => c.OrganisationId == organisation.Id);
            // Only what changed is recorded, so the history shows real changes.
            if (selfOk && reviewOk && (before.Self != self || before.Review != review)) changes.Add((organisation.Id, self, review));
        }
        if (errors.Count > 0) return await Render(context, questionnaire, round, store, errors, cancellationToken, StatusCodes.Status400BadRequest);
        if (changes.Count > 0) await store.AppendAsync(questionnaire, round, changes, context.User, cancellationToken);
        return TypedResults.LocalRedirect($"/admin/q/{Uri.EscapeDataString(id)}/assessments?round={Uri.EscapeDataString(round.Id)}&saved={changes.Count}");
    }

    private static async Task<ContentHttpResult> Render(HttpContext context, Questionnaire questionnaire, Round round, AssessmentStore store,
        IReadOnlyList<string> errors, CancellationToken cancellationToken, int statusCode = StatusCodes.Status200OK)
    {
        var current = await store.CurrentAsync(questionnaire, round, cancellationToken);
        var history = await store.HistoryAsync(questionnaire, round, cancellationToken);
        var labels = current.ToDictionary(c => c.OrganisationId, c => c.OrganisationLabel);
        var evaluation = questionnaire.Evaluation!;
        string? saved = context.Request.Query["saved"];
        var notice = errors.Count > 0
            ? Html($"""<div class="error" role="alert"><p>未保存：</p><ul>{errors.Select(e => Html($"<li>{e}</li>"))}</ul></div>""")
            : saved is { Length: > 0 } ? Html($"""<p class="notice" role="status">已保存 {saved} 项更改。</p>""") : Markup.Empty;
        var rows = current.Select(c => Html($"""
            <tr><th scope="row">{c.OrganisationLabel}</th>
            <td><input name="self-{c.OrganisationId}" inputmode="decimal" size="6" value="{Score(c.Self)}" aria-label="{c.OrganisationLabel} 自评"></td>
            <td><input name="review-{c.OrganisationId}" inputmode="decimal" size="6" value="{Score(c.Review)}" aria-label="{c.OrganisationLabel} 组织考评"></td>
            <td class="muted">{c.EnteredBy ?? "—"} {OrganiserPages.Time(c.EnteredAt)}</td></tr>
            """));
        var changes = history.Select(h => Html($"""
            <tr><td>{OrganiserPages.Time(h.EnteredAt)}</td><td>{h.EnteredBy}</td><td>{labels.GetValueOrDefault(h.OrganisationId, h.OrganisationId)}</td>
            <td class="number">{Score(h.Self)}</td><td class="number">{Score(h.Review)}</td></tr>
            """));
        return Page(context, $"三步测评 · {questionnaire.Title}", Html($"""
            <p><a href="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}">← {questionnaire.Title}</a></p>
            <h1>三步测评：自评与组织考评（{round.Label}）</h1>
            <p class="muted">综合得分 = 群众测评 × {evaluation.Residents} + 组织考评 × {evaluation.Review} + 自评 × {evaluation.Self}。分数 0–100，留空表示未录入；每次更改都会保留记录（谁、何时）。</p>
            <form method="get" class="round-picker"><label for="round">轮次</label> <input id="round" name="round" value="{round.Id}" size="10"> <button type="submit">切换</button></form>
            {notice}
            <form method="post" class="assessments">
            {AntiforgeryField(context)}
            <input type="hidden" name="round" value="{round.Id}">
            <table><thead><tr><th>被测评单位</th><th>自评</th><th>组织考评</th><th>最近录入</th></tr></thead>
            <tbody>{rows}</tbody></table>
            <button type="submit">保存</button>
            </form>
            <h2>更改记录</h2>
            <table class="history"><thead><tr><th>时间（北京时间）</th><th>录入人</th><th>单位</th><th class="number">自评</th><th class="number">组织考评</th></tr></thead>
            <tbody>{changes}</tbody></table>
            """), statusCode);
    }

    private static string Score(double? score) => score?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
