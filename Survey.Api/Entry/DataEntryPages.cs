using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Survey.Api.Auth;
using Survey.Api.Codes;
using Survey.Api.Limits;
using Survey.Api.Model;
using Survey.Api.Organiser;
using Survey.Api.ResidentForm;
using Survey.Api.Responses;
using Survey.Core.Questionnaires;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Entry;

/// <summary>
/// Organiser pages for typing in paper forms: the entry screen (<c>/admin/q/{id}/entry</c>; single entry, or one copy of
/// a double-entry batch), the batches (<c>/entry/batches</c>), a batch's comparison with its differences and the accept
/// button (<c>/entry/batches/{batch}</c>). Every POST checks the anti-forgery token. The entry POST answers JSON to
/// /entry.js (<c>Accept: application/json</c>) and a page otherwise, so it works without the script.
/// </summary>
public static class DataEntryPages
{
    public static RouteGroupBuilder MapDataEntry(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/admin/q/{id}").WithTags("Organiser dashboard").RequireAuthorization(OrganiserPolicy.Name);
        pages.MapGet("/entry", ShowEntry).WithName(nameof(ShowEntry)).Produces(200, contentType: "text/html")
            .WithSummary("纸质问卷录入页面").WithDescription("组织者页面（HTML）：逐份录入纸质问卷，全程键盘操作（数字键勾选，Enter 下一题并在最后一题提交）；batch= 与 copy= 时录入双人录入批次的第1或第2遍。");
        pages.MapPost("/entry", SaveEntry).WithName(nameof(SaveEntry))
            .WithSummary("保存一份纸质问卷").WithDescription("录入页面的表单提交（防伪令牌）：与居民问卷同样校验；单人录入即保存为答卷（收集方式：纸质问卷录入），批次录入则存入待核对的录入表。请求头 Accept: application/json 时以 JSON 回答。");
        pages.MapGet("/entry/batches", ShowBatches).WithName(nameof(ShowBatches)).Produces(200, contentType: "text/html")
            .WithSummary("双人录入批次").WithDescription("组织者页面（HTML）：问卷的双人录入批次及其状态，并可新建批次。");
        pages.MapPost("/entry/batches", CreateBatch).WithName(nameof(CreateBatch))
            .WithSummary("新建双人录入批次").WithDescription("表单提交（防伪令牌）：按名称（如“东街社区 第3箱”）新建一个批次，两位录入员各录一遍。");
        pages.MapGet("/entry/batches/{batch}", ShowBatch).WithName(nameof(ShowBatch)).Produces(200, contentType: "text/html")
            .WithSummary("核对双人录入").WithDescription("组织者页面（HTML）：两遍录入的份数和全部差异（第几份、哪道题、甲录与乙录），可逐条采用其中一遍，无差异后接受批次。");
        pages.MapPost("/entry/batches/{batch}/resolve", ResolveDifference).WithName(nameof(ResolveDifference))
            .WithSummary("采用一遍录入").WithDescription("表单提交（防伪令牌）：某份问卷某道题以甲录或乙录为准，改正另一遍。");
        pages.MapPost("/entry/batches/{batch}/accept", AcceptBatch).WithName(nameof(AcceptBatch))
            .WithSummary("接受批次").WithDescription("表单提交（防伪令牌）：两遍录入完全一致时，把批次的问卷一次写入答卷（收集方式：纸质问卷录入）；此前批次不计入任何统计。");
        return pages;
    }

    private const string JsonAccept = "application/json";

    private static readonly SubmissionError CodeRequired = new(CodeRefusal.Field, CodeRefusal.Required.Rule, "问卷编码：请输入纸质问卷右上角印的问卷编码（9位字母和数字，例如 ABCD-EFGHJ）。");
    private static readonly SubmissionError CodeMalformed = new(CodeRefusal.Field, CodeRefusal.Malformed.Rule, $"问卷编码：{CodeRefusal.Malformed.Message}");

    public static async Task<Results<ContentHttpResult, NotFound<string>>> ShowEntry(
        string id, Guid? batch, int? copy, int? count, HttpContext context, QuestionnaireCatalog catalog, DataEntryService entry,
        IWebHostEnvironment environment, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        var state = EntryPage.State.Fresh(Math.Max(count ?? 0, 0), context.Request.Query["saved"].FirstOrDefault() is { Length: > 0 } saved ? $"已保存：{saved}" : null);
        if (batch is { } batchId)
        {
            if (await entry.FindBatchAsync(questionnaire, batchId, cancellationToken) is not { AcceptedAt: null } found || copy is not (DataEntryService.CopyA or DataEntryService.CopyB))
                return TypedResults.NotFound("没有这个未接受的录入批次（或录入遍数应为1或2）。");
            state = state with { Batch = found, Copy = copy.Value, Number = await entry.NextNumberAsync(found.Id, copy.Value, cancellationToken) };
        }
        return Render(context, questionnaire, state, environment);
    }

    private static ContentHttpResult Render(HttpContext context, Questionnaire questionnaire, EntryPage.State state, IWebHostEnvironment environment, int statusCode = StatusCodes.Status200OK) =>
        Page(context, $"录入纸质问卷 · {questionnaire.Title}", EntryPage.Render(context, questionnaire, state, FormAssets.Url(environment, EntryPage.Script)), statusCode);

    /// <summary>What /entry.js receives: saved (with the new count, the next form's key and number) or the errors by question.</summary>
    public sealed record EntryAnswer(bool Saved, int Count, string Key, int? NextNumber, string? Message, Dictionary<string, string[]> Errors);

    public static async Task<IResult> SaveEntry(
        string id, HttpContext context, IAntiforgery antiforgery, QuestionnaireCatalog catalog, DataEntryService entry,
        IWebHostEnvironment environment, TimeProvider clock, InvitationCodeHasher codeHasher, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest(SignInPages.FormExpired);
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var wantsJson = context.Request.Headers.Accept.ToString().Contains(JsonAccept, StringComparison.OrdinalIgnoreCase);
        var tokenField = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>().Value.FormFieldName;
        string[] ownFields = [tokenField, EntryPage.FilledOnField, EntryPage.CountField, EntryPage.BatchField, EntryPage.CopyField, EntryPage.NumberField];
        var read = FormSubmissionReader.Read(form.Where(f => !ownFields.Contains(f.Key)));
        var errors = new List<SubmissionError>(read.Errors);
        var count = int.TryParse(form[EntryPage.CountField], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 0;
        var filledOnText = form[EntryPage.FilledOnField].ToString();
        DateOnly? filledOn = null;
        if (filledOnText.Length > 0)
        {
            var today = BeijingTime.DayOf(clock.GetUtcNow());
            if (!DateOnly.TryParseExact(filledOnText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day > today || day.Year < 2000)
                errors.Add(new(EntryPage.FilledOnField, "filledOn", $"填写日期应为 yyyy-MM-dd 格式、不晚于今天（北京时间）：“{filledOnText}”"));
            else filledOn = day;
        }

        EntryBatch? batch = null;
        int copy = 0, number = 0;
        if (form[EntryPage.BatchField].ToString() is { Length: > 0 } batchText)
        {
            if (!Guid.TryParse(batchText, out var batchId) || await entry.FindBatchAsync(questionnaire, batchId, cancellationToken) is not { AcceptedAt: null } found)
                return TypedResults.NotFound("没有这个未接受的录入批次。");
            batch = found;
            copy = int.TryParse(form[EntryPage.CopyField], CultureInfo.InvariantCulture, out var copyValue) ? copyValue : 0;
            if (copy is not (DataEntryService.CopyA or DataEntryService.CopyB)) return TypedResults.BadRequest("录入遍数应为1或2。");
            if (!int.TryParse(form[EntryPage.NumberField], NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 100000)
                errors.Add(new(EntryPage.NumberField, "number", "问卷序号应为1到100000的整数"));
        }
        if (read.Errors.Count == 0) errors.AddRange(SubmissionValidator.Validate(questionnaire, read.Submission));
        var key = read.IdempotencyKey ?? FormRenderer.NewKey();
        // Single entry of a questionnaire with codes: the code printed on the paper copy is required and is claimed
        // with the response (double-entry batches do not take codes).
        string? code = null;
        if (batch is null && questionnaire.Access == QuestionnaireAccess.Codes)
        {
            code = InvitationCodeFormat.Normalize(read.InvitationCode);
            if (code is null) errors.Insert(0, (string.IsNullOrWhiteSpace(read.InvitationCode) ? CodeRequired : CodeMalformed));
        }
        var typedCode = read.InvitationCode;

        if (errors.Count > 0)
        {
            if (wantsJson)
                return TypedResults.Json(new EntryAnswer(false, count, key, null, null,
                    errors.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())), statusCode: StatusCodes.Status400BadRequest);
            return Render(context, questionnaire, new EntryPage.State(read.Submission, errors, key, count, null, filledOnText, batch, copy, number, typedCode),
                environment, StatusCodes.Status400BadRequest);
        }

        string message;
        int? nextNumber = null;
        try
        {
            if (batch is null)
            {
                var result = await entry.StorePaperAsync(context.User, questionnaire, read.Submission, filledOn, key, cancellationToken,
                    code is null ? null : await codeHasher.HashAsync(questionnaire.Id, code, cancellationToken));
                if (CodeRefusal.For(result.Outcome) is { } refusal)
                {
                    SubmissionError error = new(CodeRefusal.Field, refusal.Rule, $"问卷编码：{refusal.Message}");
                    return wantsJson
                        ? TypedResults.Json(new EntryAnswer(false, count, key, null, null, new() { [CodeRefusal.Field] = [error.Message] }), statusCode: refusal.Status)
                        : Render(context, questionnaire, new EntryPage.State(read.Submission, [error], key, count, null, filledOnText, batch, copy, number, typedCode),
                            environment, refusal.Status);
                }
                if (result.Outcome == StoreOutcome.KeyReusedWithDifferentBody)
                    return Conflict("这份问卷的页面已经提交过一次，修改后的内容未保存。请刷新页面后重新录入。");
                message = $"第{count + 1}份（{BeijingTime.Local(clock.GetUtcNow()):HH:mm:ss}）";
            }
            else
            {
                if (!await entry.SaveFormAsync(context.User, batch, copy, number, read.Submission, filledOn, cancellationToken))
                    return Conflict("这个批次已被接受，不能再录入。");
                nextNumber = await entry.NextNumberAsync(batch.Id, copy, cancellationToken);
                message = $"第{number}号问卷";
            }
        }
        catch (Exception exception) when (DatabaseOutage.Is(exception))
        {
            TryAgain.SetRetryAfter(context.Response, TryAgain.BusySeconds);
            return wantsJson
                ? TypedResults.Json(new EntryAnswer(false, count, key, null, null, new() { ["$"] = [TryAgain.BusyDetail] }), statusCode: StatusCodes.Status503ServiceUnavailable)
                : Render(context, questionnaire, new EntryPage.State(read.Submission, [new("$", TryAgain.Rule, TryAgain.BusyDetail)], key, count, null, filledOnText, batch, copy, number),
                    environment, StatusCodes.Status503ServiceUnavailable);
        }

        count++;
        if (wantsJson) return TypedResults.Json(new EntryAnswer(true, count, FormRenderer.NewKey(), nextNumber, $"已保存：{message}", []));
        var next = batch is null
            ? $"{EntryPage.Path(questionnaire.Id)}?count={count}&saved={Uri.EscapeDataString(message)}"
            : $"{EntryPage.Path(questionnaire.Id)}?batch={batch.Id}&copy={copy}&count={count}&saved={Uri.EscapeDataString(message)}";
        return TypedResults.LocalRedirect(next);

        IResult Conflict(string detail) => wantsJson
            ? TypedResults.Json(new EntryAnswer(false, count, FormRenderer.NewKey(), null, null, new() { ["$"] = [detail] }), statusCode: StatusCodes.Status409Conflict)
            : TypedResults.Conflict(detail);
    }

    public static async Task<Results<ContentHttpResult, NotFound<string>>> ShowBatches(
        string id, HttpContext context, QuestionnaireCatalog catalog, DataEntryService entry, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        return await RenderBatches(context, questionnaire, entry, null, cancellationToken);
    }

    private static async Task<Results<ContentHttpResult, NotFound<string>>> RenderBatches(
        HttpContext context, Questionnaire questionnaire, DataEntryService entry, string? error, CancellationToken cancellationToken, int statusCode = StatusCodes.Status200OK)
    {
        var path = EntryPage.Path(questionnaire.Id);
        var batches = await entry.BatchesAsync(questionnaire, cancellationToken);
        var rows = batches.Select(b => Html($"""
            <tr><td><a href="{path}/batches/{b.Id}">{b.Label}</a></td><td>{OrganiserPages.Time(b.CreatedAt)}</td>
            <td>{(b.AcceptedAt is { } at ? $"已接受（{OrganiserPages.Time(at)}，{b.AcceptedCount}份计入答卷）" : "录入中，未计入")}</td>
            <td>{(b.AcceptedAt is null ? Html($"""<a href="{path}?batch={b.Id}&amp;copy=1">录入第1遍（甲）</a> · <a href="{path}?batch={b.Id}&amp;copy=2">录入第2遍（乙）</a>""") : Markup.Empty)}</td></tr>
            """));
        var notice = error is null ? Markup.Empty : Html($"""<div class="error" role="alert"><p>{error}</p></div>""");
        return Page(context, $"双人录入批次 · {questionnaire.Title}", Html($"""
            <p><a href="{path}">← 录入纸质问卷：{questionnaire.Title}</a></p>
            <h1>双人录入批次</h1>
            <p class="muted">一个批次是一叠纸质问卷（按顺序编号）。两位录入员各录一遍，核对页列出两遍不一致之处，改正并接受后，这批问卷才计入答卷。</p>
            {notice}
            <form method="post" action="{path}/batches" class="new-batch">
            {AntiforgeryField(context)}
            <label>批次名称<input name="label" maxlength="100" required placeholder="例如：东街社区 第3箱"></label> <button type="submit">新建批次</button>
            </form>
            <table><thead><tr><th>批次</th><th>新建时间（北京时间）</th><th>状态</th><th>录入</th></tr></thead><tbody>{rows}</tbody></table>
            """), statusCode);
    }

    public static async Task<IResult> CreateBatch(
        string id, HttpContext context, IAntiforgery antiforgery, QuestionnaireCatalog catalog, DataEntryService entry, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest(SignInPages.FormExpired);
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        var label = (await context.Request.ReadFormAsync(cancellationToken))["label"].ToString().Trim();
        if (label.Length is 0 or > 100 || label.Any(char.IsControl))
            return await RenderBatches(context, questionnaire, entry, "批次名称应为1到100个字，不含控制字符。", cancellationToken, StatusCodes.Status400BadRequest);
        var batch = await entry.CreateBatchAsync(context.User, questionnaire, label, cancellationToken);
        return TypedResults.LocalRedirect($"{EntryPage.Path(questionnaire.Id)}/batches/{batch.Id}");
    }

    public static async Task<Results<ContentHttpResult, NotFound<string>>> ShowBatch(
        string id, Guid batch, HttpContext context, QuestionnaireCatalog catalog, DataEntryService entry, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        if (await entry.FindBatchAsync(questionnaire, batch, cancellationToken) is not { } found) return TypedResults.NotFound("没有这个录入批次。");
        return RenderBatch(context, questionnaire, await entry.CompareRecordedAsync(context.User, questionnaire, found, cancellationToken), context.Request.Query["note"]);
    }

    private static ContentHttpResult RenderBatch(HttpContext context, Questionnaire questionnaire, BatchComparison comparison, string? note, int statusCode = StatusCodes.Status200OK)
    {
        var path = $"{EntryPage.Path(questionnaire.Id)}/batches/{comparison.Batch.Id}";
        var batch = comparison.Batch;
        Markup Take(EntryDifference d, int copy) => Html($"""
            <form method="post" action="{path}/resolve" class="inline">{AntiforgeryField(context)}<input type="hidden" name="form" value="{d.Form}"><input type="hidden" name="question" value="{d.QuestionId ?? ""}"><input type="hidden" name="take" value="{copy}"><button type="submit">以{(copy == 1 ? "甲" : "乙")}为准</button></form>
            """);
        var rows = comparison.Differences.Select(d => Html($"""
            <tr><td class="number">{d.Form}</td><td>{(d.QuestionNumber > 0 ? $"第{d.QuestionNumber}题 {d.QuestionText}" : d.QuestionText)}</td><td>{d.A}</td><td>{d.B}</td>
            <td>{(batch.AcceptedAt is null && (d.QuestionId is not null || d.QuestionText == "填写日期") ? Html($"{Take(d, 1)} {Take(d, 2)}") : Markup.Empty)}</td></tr>
            """));
        var state = batch.AcceptedAt is { } at
            ? Html($"""<p class="notice" role="status">已于 {OrganiserPages.Time(at)}（北京时间）接受：{batch.AcceptedCount} 份问卷已计入答卷。</p>""")
            : comparison.CanAccept
                ? Html($"""
                    <p class="notice" role="status">两遍录入完全一致（各 {comparison.FormsA} 份）。接受后这 {comparison.FormsA} 份问卷计入答卷。</p>
                    <form method="post" action="{path}/accept">{AntiforgeryField(context)}<button type="submit">接受批次，计入 {comparison.FormsA} 份答卷</button></form>
                    """)
                : Html($"""<p class="muted">尚不能接受：{(comparison.FormsA == 0 ? "还没有录入。" : comparison.Differences.Count > 0 ? $"还有 {comparison.Differences.Count} 处不一致。" : "两遍份数不同。")}此前这批问卷不计入任何统计。</p>""");
        var entryLinks = batch.AcceptedAt is null
            ? Html($"""<p><a href="{EntryPage.Path(questionnaire.Id)}?batch={batch.Id}&amp;copy=1">录入第1遍（甲）</a> · <a href="{EntryPage.Path(questionnaire.Id)}?batch={batch.Id}&amp;copy=2">录入第2遍（乙）</a>（输入已录过的序号可重录该份）</p>""")
            : Markup.Empty;
        var noteLine = string.IsNullOrEmpty(note) ? Markup.Empty : Html($"""<p class="notice" role="status">{note}</p>""");
        return Page(context, $"核对双人录入 · {batch.Label}", Html($"""
            <p><a href="{EntryPage.Path(questionnaire.Id)}/batches">← 双人录入批次</a></p>
            <h1>核对双人录入：{batch.Label}</h1>
            <p>问卷：{questionnaire.Title} · 甲录 {comparison.FormsA} 份 · 乙录 {comparison.FormsB} 份 · 不一致 {comparison.Differences.Count} 处</p>
            {noteLine}
            {entryLinks}
            {state}
            <table class="differences"><thead><tr><th class="number">序号</th><th>题目</th><th>甲录（第1遍）</th><th>乙录（第2遍）</th><th>改正</th></tr></thead>
            <tbody>{rows}</tbody></table>
            """), statusCode);
    }

    public static async Task<IResult> ResolveDifference(
        string id, Guid batch, HttpContext context, IAntiforgery antiforgery, QuestionnaireCatalog catalog, DataEntryService entry, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest(SignInPages.FormExpired);
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        if (await entry.FindBatchAsync(questionnaire, batch, cancellationToken) is not { } found) return TypedResults.NotFound("没有这个录入批次。");
        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (!int.TryParse(form["form"], CultureInfo.InvariantCulture, out var number) || !int.TryParse(form["take"], CultureInfo.InvariantCulture, out var take))
            return TypedResults.BadRequest("缺少序号或采用哪一遍。");
        var question = form["question"].ToString() is { Length: > 0 } q ? q : null;
        var errors = await entry.ResolveAsync(context.User, questionnaire, found, number, question, take, cancellationToken);
        var note = errors switch
        {
            null => "没有可改正的内容（批次已接受，或该份只录了一遍：请补录）。",
            { Count: > 0 } => $"未改正：第{number}号问卷改正后不符合问卷规则（{string.Join("；", errors.Select(e => e.Message))}），请重录该份。",
            _ => $"已改正第{number}号问卷：以{(take == 1 ? "甲" : "乙")}为准。",
        };
        return TypedResults.LocalRedirect($"{EntryPage.Path(questionnaire.Id)}/batches/{found.Id}?note={Uri.EscapeDataString(note)}");
    }

    public static async Task<IResult> AcceptBatch(
        string id, Guid batch, HttpContext context, IAntiforgery antiforgery, QuestionnaireCatalog catalog, DataEntryService entry, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest(SignInPages.FormExpired);
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        if (await entry.FindBatchAsync(questionnaire, batch, cancellationToken) is not { } found) return TypedResults.NotFound("没有这个录入批次。");
        var accepted = await entry.AcceptAsync(context.User, questionnaire, found, cancellationToken);
        if (accepted is null)
            return RenderBatch(context, questionnaire, await entry.CompareAsync(questionnaire, (await entry.FindBatchAsync(questionnaire, batch, cancellationToken))!, cancellationToken),
                "未接受：批次已被接受，或两遍录入仍有不一致、份数不同，或某份不再符合问卷规则。", StatusCodes.Status409Conflict);
        return TypedResults.LocalRedirect($"{EntryPage.Path(questionnaire.Id)}/batches/{found.Id}?note={Uri.EscapeDataString($"已接受：{accepted} 份问卷计入答卷。")}");
    }
}
