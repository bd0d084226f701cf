using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.Extensions.Options;
using Survey.Core.Questionnaires;
using Survey.Api.Codes;
using Survey.Api.Limits;
using Survey.Api.Responses;
using Survey.Api.Schedule;

namespace Survey.Api.Apis;

/// <summary>Residents submit answers here. Anonymous: nothing about the request but the answers is stored.</summary>
public static class ResponsesApi
{
    public const int MaxIdempotencyKeyLength = 128;
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public sealed record SubmissionAccepted(Guid Id, string QuestionnaireId);

    public static RouteGroupBuilder MapResponsesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questionnaires").WithTags("Responses");
        api.MapPost("/{id}/responses", SubmitResponse).WithName(nameof(SubmitResponse))
            .WithSummary("提交答卷").WithDescription("公开：提交一份匿名答卷（answers、otherText、text）。保存后才返回 201；有 Idempotency-Key 时重试只保存一次；答案有误返回 400 问题详情，指明题目和规则，且不保存；问卷未开始、已结束或已关闭时返回 409，注明起止时间，不保存。凭邀请码填写的问卷须在 Invitation-Code 请求头中提供邀请码：缺少或格式不对返回 400，无效或已作废返回 403，已使用返回 409，均不保存；每个邀请码只能提交一次。")
            .Accepts<object>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery()
            .WithMetadata(new ThrottledEndpoint(ThrottledEndpoint.Kind.Submission))
            .AddOpenApiOperationTransformer(DocumentHeaders);
        return api;
    }

    /// <summary>The two request headers the handler reads itself (so that it can answer their refusals in its own words), declared for clients.</summary>
    private static Task DocumentHeaders(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKeyHeader, In = ParameterLocation.Header, Required = false,
            Description = $"可选：本份答卷的唯一标识（1至{MaxIdempotencyKeyLength}个可见ASCII字符）。网络中断后用同一标识重试，只保存一次并返回首次的结果；同一标识用于不同答卷返回 422。",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = MaxIdempotencyKeyLength, Pattern = "^[!-~]+$" },
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = CodeRefusal.Header, In = ParameterLocation.Header, Required = false,
            Description = "凭邀请码填写的问卷必填：纸质邀请函上的邀请码。缺少或格式不对返回 400，无效或已作废返回 403，已使用返回 409。",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        return Task.CompletedTask;
    }

    public static async Task<Results<Created<SubmissionAccepted>, ProblemHttpResult>> SubmitResponse(
        string id, HttpRequest request, QuestionnaireCatalog catalog, ResponseStore store,
        IOptions<SurveyOptions> options, TimeProvider clock, InvitationCodeHasher codes, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return Problems.QuestionnaireNotFound(id);
        if (CollectionWindow.Problem(questionnaire, clock.GetUtcNow()) is { } refused) return refused;
        if (!request.HasJsonContentType())
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "提交格式错误",
                detail: "请以 application/json 格式提交答卷。");

        string? idempotencyKey = request.Headers[IdempotencyKeyHeader];
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || idempotencyKey.Any(c => c is < '!' or > '~')))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Idempotency-Key 无效",
                detail: $"Idempotency-Key 应为1至{MaxIdempotencyKeyLength}个可见ASCII字符。");

        string? codeHash = null;
        if (questionnaire.Access == QuestionnaireAccess.Codes)
        {
            string? typed = request.Headers[CodeRefusal.Header];
            if (string.IsNullOrWhiteSpace(typed)) return CodeRefusal.Required.ToProblem();
            if (InvitationCodeFormat.Normalize(typed) is not { } code) return CodeRefusal.Malformed.ToProblem();
            codeHash = await codes.HashAsync(questionnaire.Id, code, cancellationToken);
        }

        var limit = options.Value.MaxSubmissionBytes;
        var body = await BoundedBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "提交内容过大，未保存",
                detail: $"答卷不能超过{limit / 1024}KB。");

        var (submission, parseErrors) = SubmissionParser.Parse(body, questionnaire);
        if (submission is null) return Problems.InvalidSubmission(parseErrors);
        var errors = SubmissionValidator.Validate(questionnaire, submission);
        if (errors.Count > 0) return Problems.InvalidSubmission(errors);

        var result = await store.SaveAsync(questionnaire, submission, idempotencyKey, cancellationToken, codeHash);
        if (CodeRefusal.For(result.Outcome) is { } refusal) return refusal.ToProblem();
        if (result.Outcome == StoreOutcome.KeyReusedWithDifferentBody)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key 已被使用",
                detail: "此 Idempotency-Key 已用于另一份不同的答卷；新答卷未保存。请为新答卷使用新的 Idempotency-Key。");
        // No Location: responses are anonymous and cannot be read back one by one.
        return TypedResults.Created((string?)null,
            new SubmissionAccepted(result.ResponseId, questionnaire.Id));
    }
}
