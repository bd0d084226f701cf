using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Apis;
using Survey.Api.Auth;
using Survey.Core.Questionnaires;

namespace Survey.Api.Codes;

/// <summary>Organisers only: generate invitation codes (returned once), count them per tag, revoke them.</summary>
public static class CodesApi
{
    public sealed record GenerateRequest(int Count, string? Tag);

    public sealed record GeneratedCodes(string QuestionnaireId, string? Tag, int Count, IReadOnlyList<string> Codes);

    public sealed record CodeCounts(string QuestionnaireId, IReadOnlyList<InvitationCodes.TagCounts> Tags);

    public sealed record Revocation(string Outcome, string Message);

    public static RouteGroupBuilder MapCodesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questionnaires/{id}").WithTags("Invitation codes").RequireAuthorization(OrganiserPolicy.Name);
        api.MapPost("/codes", GenerateCodes).WithName(nameof(GenerateCodes))
            .WithSummary("生成邀请码")
            .WithDescription("为凭邀请码填写的问卷生成一批邀请码（count：1–2000；tag：可选，“单选题编号:选项编号”，如 community:east-street，只用于分组打印和作废）。邀请码只在此次响应中出现一次（JSON；Accept: text/csv 或 ?format=csv 时为 CSV），数据库只保存其带密钥的哈希值。")
            .Accepts<GenerateRequest>("application/json")
            .Produces<GeneratedCodes>(StatusCodes.Status201Created).Produces(StatusCodes.Status201Created, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/codes", CountCodes).WithName(nameof(CountCodes))
            .WithSummary("邀请码统计").WithDescription("按标签统计邀请码的总数、已使用、已作废和可用数（不含邀请码本身）。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/codes/{code}", RevokeCode).WithName(nameof(RevokeCode))
            .WithSummary("作废邀请码").WithDescription("作废一个尚未使用的邀请码（大小写和短横线不限）；已使用的邀请码无法作废，其答卷照常计入。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Created<GeneratedCodes>, FileContentHttpResult, ProblemHttpResult>> GenerateCodes(
        string id, GenerateRequest request, string? format, HttpContext context, QuestionnaireCatalog catalog, InvitationCodes codes,
        CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return Problems.QuestionnaireNotFound(id);
        var tag = string.IsNullOrWhiteSpace(request.Tag) ? null : request.Tag.Trim();
        if (InvitationCodes.Check(questionnaire, request.Count, tag) is { } problem)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "无法生成邀请码", detail: problem);
        var issued = await codes.IssueAsync(context.User, questionnaire, request.Count, tag, cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        var csv = format == "csv" || (format is null && context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType == "text/csv"));
        if (!csv) return TypedResults.Created((string?)null, new GeneratedCodes(questionnaire.Id, tag, issued.Count, issued));
        context.Response.StatusCode = StatusCodes.Status201Created;
        var text = new StringBuilder("code,tag\r\n");
        foreach (var code in issued) text.Append(code).Append(',').Append(tag).Append("\r\n");
        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"{questionnaire.Id}-codes.csv");
    }

    public static async Task<Results<Ok<CodeCounts>, ProblemHttpResult>> CountCodes(
        string id, QuestionnaireCatalog catalog, InvitationCodes codes, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return Problems.QuestionnaireNotFound(id);
        return TypedResults.Ok(new CodeCounts(questionnaire.Id, await codes.CountsAsync(questionnaire, cancellationToken)));
    }

    public static async Task<Results<Ok<Revocation>, ProblemHttpResult>> RevokeCode(
        string id, string code, HttpContext context, QuestionnaireCatalog catalog, InvitationCodes codes, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return Problems.QuestionnaireNotFound(id);
        var outcome = await codes.RevokeAsync(context.User, questionnaire, code, cancellationToken);
        var message = RevokeMessage(outcome);
        return outcome switch
        {
            InvitationCodes.RevokeOutcome.Unknown => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "没有这个邀请码", detail: message),
            InvitationCodes.RevokeOutcome.AlreadyUsed => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "邀请码已使用", detail: message),
            _ => TypedResults.Ok(new Revocation(outcome == InvitationCodes.RevokeOutcome.Revoked ? "revoked" : "already-revoked", message)),
        };
    }

    public static string RevokeMessage(InvitationCodes.RevokeOutcome outcome) => outcome switch
    {
        InvitationCodes.RevokeOutcome.Revoked => "邀请码已作废，不能再用来提交答卷。",
        InvitationCodes.RevokeOutcome.AlreadyRevoked => "这个邀请码此前已经作废。",
        InvitationCodes.RevokeOutcome.AlreadyUsed => "这个邀请码已经提交过答卷，无法作废；答卷是匿名的，照常计入。",
        _ => "本问卷没有这个邀请码，请核对后重新输入。",
    };
}
