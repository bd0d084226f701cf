using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Survey.Api.Auth;
using Survey.Api.Organiser;
using Survey.Api.Paper;
using Survey.Api.ResidentForm;
using Survey.Api.Schedule;
using Survey.Core.Questionnaires;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Codes;

/// <summary>
/// Organiser pages for reaching residents on paper: invitation codes (counts, generate and print, revoke) with A4
/// sheets of slips, and a poster with one QR code for open questionnaires. Both print from Chromium to A4.
/// </summary>
public static class CodePages
{
    public const int DefaultCount = 20;

    /// <summary>The most paper copies with codes printed at once (one document, a few pages each).</summary>
    public const int MaxPaperCopies = 200;

    public static RouteGroupBuilder MapCodePages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/admin/q/{id}").WithTags("Organiser dashboard").RequireAuthorization(OrganiserPolicy.Name);
        pages.MapGet("/slips", ShowSlips).WithName(nameof(ShowSlips)).Produces(200, contentType: "text/html")
            .WithSummary("邀请码与邀请条页面")
            .WithDescription("组织者页面（HTML）：按标签统计邀请码，生成一批邀请码并打印邀请条，打印已有的邀请码，作废邀请码。");
        // The POSTs check the anti-forgery token themselves (a clear 400, as the sign-in form does) before reading the form.
        pages.MapPost("/slips", PrintSlips).WithName(nameof(PrintSlips)).Produces(200, contentType: "text/html")
            .WithSummary("生成并打印邀请条")
            .WithDescription("组织者页面的表单提交（防伪令牌）：生成 count 个邀请码（可选标签 tag）或取 codes 中已有的邀请码，返回可打印的 A4 邀请条页面，每张含问卷标题、邀请码、填写地址和二维码。邀请码只显示这一次。");
        pages.MapPost("/paper-copies", PrintPaperCopies).WithName(nameof(PrintPaperCopies)).Produces(200, contentType: "text/html")
            .WithSummary("生成并打印带邀请码的纸质问卷")
            .WithDescription($"组织者页面的表单提交（防伪令牌）：为凭邀请码填写的问卷生成 count 个（1至{MaxPaperCopies}）邀请码（可选标签 tag），返回一个可打印的 HTML 文档，含 count 份纸质问卷，每份印有自己的问卷编码（邀请码）和带该编码的填写地址二维码，每份从新的一页开始。邀请码只显示这一次；录入该纸质问卷时须输入其编码。");
        pages.MapPost("/codes/revoke", RevokeCodes).WithName(nameof(RevokeCodes))
            .WithSummary("作废邀请码")
            .WithDescription("组织者页面的表单提交（防伪令牌）：作废一个邀请码（code），或某一标签下全部未使用的邀请码（tag）。");
        pages.MapGet("/poster", ShowPoster).WithName(nameof(ShowPoster)).Produces(200, contentType: "text/html")
            .WithSummary("问卷海报").WithDescription("组织者页面（HTML）：对所有人开放的问卷的 A4 海报，一个大二维码指向填写地址。");
        return pages;
    }

    public static async Task<Results<ContentHttpResult, NotFound<string>>> ShowSlips(
        string id, string? notice, HttpContext context, QuestionnaireCatalog catalog, InvitationCodes codes, IOptions<SurveyOptions> options,
        CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        return await ManagePage(context, questionnaire, codes, options.Value, notice is { Length: <= 200 } ? notice : null, [], cancellationToken);
    }

    public static async Task<Results<ContentHttpResult, NotFound<string>, BadRequest<string>>> PrintSlips(
        string id, HttpContext context, IAntiforgery antiforgery, QuestionnaireCatalog catalog, InvitationCodes codes, IOptions<SurveyOptions> options,
        CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest(SignInPages.FormExpired);
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        var form = await context.Request.ReadFormAsync(cancellationToken);
        string? tag = string.IsNullOrWhiteSpace(form["tag"]) ? null : form["tag"].ToString();
        IReadOnlyList<string> printed;
        if (!string.IsNullOrWhiteSpace(form["codes"]))
        {
            // Codes generated earlier (e.g. by the API) and pasted here: printed as given, after a format check.
            var lines = form["codes"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var bad = lines.Where(l => InvitationCodeFormat.Normalize(l.Split(',')[0]) is null).Take(5).ToList();
            if (lines.Length > InvitationCodes.MaxPerRequest) bad.Insert(0, $"一次最多打印{InvitationCodes.MaxPerRequest}个邀请码");
            if (bad.Count > 0)
                return await ManagePage(context, questionnaire, codes, options.Value, null, bad.Select(b => $"不是邀请码：“{b}”").ToList(), cancellationToken, StatusCodes.Status400BadRequest);
            printed = lines.Select(l => InvitationCodeFormat.Display(InvitationCodeFormat.Normalize(l.Split(',')[0])!)).ToList();
        }
        else
        {
            var count = int.TryParse(form["count"], out var n) ? n : 0;
            if (InvitationCodes.Check(questionnaire, count, tag) is { } problem)
                return await ManagePage(context, questionnaire, codes, options.Value, null, [problem], cancellationToken, StatusCodes.Status400BadRequest);
            printed = await codes.IssueAsync(context.User, questionnaire, count, tag, cancellationToken);
        }
        return SlipSheet(context, questionnaire, printed, InvitationCodes.TagLabel(questionnaire, tag), options.Value);
    }

    /// <summary>Issues codes (audited as codes.generated) and returns one document with a paper form per code.</summary>
    public static async Task<Results<ContentHttpResult, NotFound<string>, BadRequest<string>>> PrintPaperCopies(
        string id, HttpContext context, IAntiforgery antiforgery, QuestionnaireCatalog catalog, InvitationCodes codes, IOptions<SurveyOptions> options,
        IWebHostEnvironment environment, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest(SignInPages.FormExpired);
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        var form = await context.Request.ReadFormAsync(cancellationToken);
        string? tag = string.IsNullOrWhiteSpace(form["tag"]) ? null : form["tag"].ToString();
        var count = int.TryParse(form["count"], out var n) ? n : 0;
        var problem = InvitationCodes.Check(questionnaire, count, tag) ?? (count > MaxPaperCopies ? $"一次可打印1至{MaxPaperCopies}份带邀请码的纸质问卷。" : null);
        if (problem is not null)
            return await ManagePage(context, questionnaire, codes, options.Value, null, [problem], cancellationToken, StatusCodes.Status400BadRequest);
        var printed = await codes.IssueAsync(context.User, questionnaire, count, tag, cancellationToken);
        var (address, warning) = PublicAddress(context, options.Value);
        var formAddress = address + FormRenderer.FormPath(questionnaire.Id);
        var note = Html($"""<div class="screen-only print-hint"><p><a href="{SlipsPath(questionnaire)}">← 邀请码与邀请条</a></p>{warning}</div>""");
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(PaperForm.RenderCopies(questionnaire, FormAssets.Url(environment, PaperForm.Stylesheet), printed,
            code => QrSvg.Of($"{formAddress}?code={code}"), note).Value, "text/html; charset=utf-8");
    }

    public static async Task<Results<RedirectHttpResult, NotFound<string>, BadRequest<string>>> RevokeCodes(
        string id, HttpContext context, IAntiforgery antiforgery, QuestionnaireCatalog catalog, InvitationCodes codes, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest(SignInPages.FormExpired);
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        var form = await context.Request.ReadFormAsync(cancellationToken);
        string notice;
        if (!string.IsNullOrWhiteSpace(form["tag"]))
        {
            var tag = form["tag"].ToString();
            var count = await codes.RevokeTagAsync(context.User, questionnaire, tag, cancellationToken);
            notice = $"已作废“{InvitationCodes.TagLabel(questionnaire, tag)}”组中 {count} 个未使用的邀请码。";
        }
        else
        {
            var outcome = await codes.RevokeAsync(context.User, questionnaire, form["code"].ToString(), cancellationToken);
            notice = $"{form["code"]}：{CodesApi.RevokeMessage(outcome)}";
        }
        return TypedResults.LocalRedirect($"/admin/q/{Uri.EscapeDataString(questionnaire.Id)}/slips?notice={Uri.EscapeDataString(notice)}");
    }

    public static Results<ContentHttpResult, NotFound<string>> ShowPoster(
        string id, HttpContext context, QuestionnaireCatalog catalog, IOptions<SurveyOptions> options, TimeProvider clock)
    {
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        var back = Html($"""<p class="crumbs"><a href="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}">← {questionnaire.Title}</a></p>""");
        if (questionnaire.Access == QuestionnaireAccess.Codes)
            return Page(context, $"海报 · {questionnaire.Title}", Html($"""
                {back}
                <h1>此问卷凭邀请码填写</h1>
                <p>海报上的二维码人人可扫，不适合凭邀请码填写的问卷。请<a href="{SlipsPath(questionnaire)}">打印邀请条</a>，每张一个邀请码。</p>
                """), StatusCodes.Status409Conflict);
        var (address, warning) = PublicAddress(context, options.Value);
        var form = address + FormRenderer.FormPath(questionnaire.Id);
        var when = questionnaire.OpensAt is null && questionnaire.ClosesAt is null
            ? Markup.Empty
            : Html($"""<p class="poster-when">填写时间：{(questionnaire.OpensAt is { } o ? CollectionWindow.BeijingTime(o) : "即日起")} 至 {(questionnaire.ClosesAt is { } c ? CollectionWindow.BeijingTime(c) : "另行通知")}（北京时间）</p>""");
        return Page(context, $"海报 · {questionnaire.Title}", Html($"""
            <div class="screen-only">{back}{warning}<p class="muted">用浏览器打印本页（A4 纵向），张贴在社区公告栏、服务大厅等处。当前状态：{CollectionWindow.DashboardLabel(questionnaire, clock.GetUtcNow())}。</p></div>
            <section class="poster">
            <p class="poster-kicker">诚邀您参加问卷调查</p>
            <h1>{questionnaire.Title}</h1>
            <div class="poster-qr">{QrSvg.Of(form)}</div>
            <p class="poster-scan">请用手机扫描二维码填写</p>
            <p class="poster-url">或在浏览器中打开：<span>{form}</span></p>
            {when}<p class="poster-note">匿名填写，共{questionnaire.Questions.Count}道题，约需几分钟。您的意见十分重要，衷心感谢您的支持配合！</p>
            </section>
            """));
    }

    public static string SlipsPath(Questionnaire questionnaire) => $"/admin/q/{Uri.EscapeDataString(questionnaire.Id)}/slips";

    /// <summary>The configured public address (<see cref="SurveyOptions.PublicBaseAddress"/>), else this request's, with a warning to show.</summary>
    public static (string Address, Markup Warning) PublicAddress(HttpContext context, SurveyOptions options)
    {
        if (options.PublicBaseAddress is { Length: > 0 } configured) return (configured.TrimEnd('/'), Markup.Empty);
        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        return (own, Html($"""<p class="warning" role="note">未设置公开访问地址（配置项 Survey:PublicBaseAddress），二维码和地址暂用当前地址 {own}。居民的手机可能打不开它：正式打印前请先设置。</p>"""));
    }

    private static ContentHttpResult SlipSheet(HttpContext context, Questionnaire questionnaire, IReadOnlyList<string> codes, string? tagLabel, SurveyOptions options)
    {
        var (address, warning) = PublicAddress(context, options);
        var form = address + FormRenderer.FormPath(questionnaire.Id);
        var group = tagLabel is null ? Markup.Empty : Html($"""<p class="slip-group">{tagLabel}</p>""");
        var slips = codes.Select(code => Html($"""
            <article class="slip">
            <div class="slip-qr">{QrSvg.Of($"{form}?code={code}")}</div>
            <div class="slip-text">
            <p class="slip-title">{questionnaire.Title}</p>
            {group}<p class="slip-code-label">邀请码</p>
            <p class="slip-code">{code}</p>
            <p class="slip-how">用手机扫码即可填写；每个邀请码只能提交一次，答卷匿名。也可在浏览器打开以下地址，再输入邀请码：<span class="slip-url">{form}</span></p>
            </div>
            </article>
            """));
        return Page(context, $"邀请条 · {questionnaire.Title}", Html($"""
            <div class="screen-only">
            <p class="crumbs"><a href="{SlipsPath(questionnaire)}">← 邀请码与邀请条</a></p>
            <h1>邀请条：{questionnaire.Title}（{codes.Count} 张）</h1>
            {warning}<p class="notice" role="status">邀请码只显示这一次，系统只保存其加密哈希值，无法再次查看。请现在用浏览器打印本页（A4，每页10张，沿虚线裁开），或另存为 PDF 妥善保管。</p>
            </div>
            <section class="slips">{slips}</section>
            """));
    }

    private static async Task<ContentHttpResult> ManagePage(HttpContext context, Questionnaire questionnaire, InvitationCodes codes, SurveyOptions options,
        string? notice, IReadOnlyList<string> errors, CancellationToken cancellationToken, int statusCode = StatusCodes.Status200OK)
    {
        var back = Html($"""<p class="crumbs"><a href="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}">← {questionnaire.Title}</a></p>""");
        if (questionnaire.Access != QuestionnaireAccess.Codes)
            return Page(context, $"邀请码 · {questionnaire.Title}", Html($"""
                {back}
                <h1>邀请码与邀请条：{questionnaire.Title}</h1>
                <p>此问卷对所有人开放，不使用邀请码（问卷文件中写 <code>"access": "codes"</code> 才凭邀请码填写）。可以<a href="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}/poster">打印一张带二维码的海报</a>。</p>
                """), statusCode);
        var counts = await codes.CountsAsync(questionnaire, cancellationToken);
        var rows = counts.Select(c => Html($"""
            <tr><td>{(c.Tag is null ? "（未分组）" : InvitationCodes.TagLabel(questionnaire, c.Tag))}</td><td class="number">{c.Total}</td><td class="number">{c.Used}</td><td class="number">{c.Revoked}</td><td class="number">{c.Available}</td></tr>
            """));
        var tagOptions = questionnaire.Questions.Where(q => q.Type == QuestionType.Single)
            .SelectMany(q => q.OptionList.Select(o => Html($"""<option value="{q.Id}:{o.Id}">{o.Label}（{q.Text}）</option>""")));
        var revokeTags = counts.Where(c => c.Tag is not null && c.Available > 0)
            .Select(c => Html($"""<option value="{c.Tag}">{InvitationCodes.TagLabel(questionnaire, c.Tag)}（{c.Available} 个可用）</option>"""));
        var messages = errors.Count > 0
            ? Html($"""<div class="error" role="alert"><p>未完成：</p><ul>{errors.Select(e => Html($"<li>{e}</li>"))}</ul></div>""")
            : notice is not null ? Html($"""<p class="notice" role="status">{notice}</p>""") : Markup.Empty;
        var (_, warning) = PublicAddress(context, options);
        return Page(context, $"邀请码 · {questionnaire.Title}", Html($"""
            {back}
            <h1>邀请码与邀请条：{questionnaire.Title}</h1>
            <p class="muted">此问卷凭邀请码填写：每个邀请码只能提交一份答卷。邀请码随机生成（9位，约44.6比特），数据库只保存其带密钥的哈希值；答卷中不记录邀请码，无法由邀请码查到答卷。</p>
            {messages}{warning}
            <h2>已生成的邀请码</h2>
            <table class="codes"><thead><tr><th>分组</th><th class="number">总数</th><th class="number">已使用</th><th class="number">已作废</th><th class="number">可用</th></tr></thead>
            <tbody>{rows}</tbody></table>
            <h2>生成并打印邀请条</h2>
            <form method="post" action="{SlipsPath(questionnaire)}" class="generate-codes">
            {AntiforgeryField(context)}
            <label for="count">数量</label> <input id="count" name="count" type="number" min="1" max="{InvitationCodes.MaxPerRequest}" value="{DefaultCount}" required>
            <label for="tag">分组（可选，只用于分组打印和作废，不影响答卷）</label>
            <select id="tag" name="tag"><option value="">不分组</option>{tagOptions}</select>
            <button type="submit">生成并打印</button>
            <p class="hint">邀请码只在打开的邀请条页面上显示一次，请直接打印或另存为 PDF。</p>
            </form>
            <h2>打印带邀请码的纸质问卷</h2>
            <form method="post" action="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}/paper-copies" class="paper-copies">
            {AntiforgeryField(context)}
            <label for="paper-count">份数</label> <input id="paper-count" name="count" type="number" min="1" max="{MaxPaperCopies}" value="{DefaultCount}" required>
            <label for="paper-tag">分组（可选）</label>
            <select id="paper-tag" name="tag"><option value="">不分组</option>{tagOptions}</select>
            <button type="submit">打印带邀请码的纸质问卷</button>
            <p class="hint">每份纸质问卷印有自己的问卷编码（即邀请码）和二维码：居民可以填纸质问卷交回，也可以扫码在手机上填写；每个编码只能计入一份答卷。录入纸质问卷时须输入其编码。</p>
            </form>
            <details class="print-existing"><summary>打印已有的邀请码（例如通过接口生成的）</summary>
            <form method="post" action="{SlipsPath(questionnaire)}">
            {AntiforgeryField(context)}
            <label for="codes">邀请码，每行一个</label>
            <textarea id="codes" name="codes" rows="6" cols="30" spellcheck="false"></textarea>
            <button type="submit">打印这些邀请码</button>
            </form>
            </details>
            <h2>作废邀请码</h2>
            <form method="post" action="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}/codes/revoke" class="revoke-code">
            {AntiforgeryField(context)}
            <label for="revoke-code">邀请码</label> <input id="revoke-code" name="code" autocomplete="off" spellcheck="false" placeholder="ABCD-EFGHJ" required>
            <button type="submit">作废</button>
            <p class="hint">遗失或误发的邀请条可以作废；已经提交过答卷的邀请码无法作废，其答卷照常计入。</p>
            </form>
            <form method="post" action="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}/codes/revoke" class="revoke-tag">
            {AntiforgeryField(context)}
            <label for="revoke-tag">整组作废</label> <select id="revoke-tag" name="tag" required><option value="">选择分组</option>{revokeTags}</select>
            <button type="submit">作废该组全部未使用的邀请码</button>
            </form>
            """), statusCode);
    }
}
