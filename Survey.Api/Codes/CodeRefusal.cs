using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Responses;

namespace Survey.Api.Codes;

/// <summary>
/// Why a submission's invitation code was refused: status, Chinese title and message, and a stable rule name
/// (RFC 9457 problem details: <c>violations[].rule</c>, <c>errors.invitationCode</c>). The form shows the same words.
/// </summary>
public sealed record CodeRefusal(int Status, string Rule, string Title, string Message)
{
    /// <summary>The key of code errors in <c>errors</c> / <c>violations[].question</c> (not a question id: ids have no capitals).</summary>
    public const string Field = "invitationCode";

    /// <summary>The HTTP header the API reads the code from.</summary>
    public const string Header = "Invitation-Code";

    public static readonly CodeRefusal Required = new(StatusCodes.Status400BadRequest, "invitation-code-required",
        "需要邀请码", "本问卷凭邀请码填写，请输入邀请条上的邀请码（例如 ABCD-EFGHJ）。");

    public static readonly CodeRefusal Malformed = new(StatusCodes.Status400BadRequest, "invitation-code-malformed",
        "邀请码格式不对", "邀请码由9位字母和数字组成（例如 ABCD-EFGHJ），请核对后重新输入。");

    public static readonly CodeRefusal Unknown = new(StatusCodes.Status403Forbidden, "invitation-code-unknown",
        "邀请码无效", "没有这个邀请码，请核对邀请条后重新输入。");

    public static readonly CodeRefusal Revoked = new(StatusCodes.Status403Forbidden, "invitation-code-revoked",
        "邀请码已作废", "这个邀请码已被组织者作废，不能用来提交答卷。");

    public static readonly CodeRefusal Used = new(StatusCodes.Status409Conflict, "invitation-code-used",
        "邀请码已使用", "这个邀请码已经提交过一份答卷，每个邀请码只能提交一次。");

    /// <summary>The refusal for a store outcome, or null when the outcome is not about a code.</summary>
    public static CodeRefusal? For(StoreOutcome outcome) => outcome switch
    {
        StoreOutcome.CodeUnknown => Unknown,
        StoreOutcome.CodeRevoked => Revoked,
        StoreOutcome.CodeUsed => Used,
        _ => null,
    };

    /// <summary>For the form: an error shown at the top, beside the code field.</summary>
    public SubmissionError AsError() => new(Field, Rule, Message);

    public ProblemHttpResult ToProblem() => TypedResults.Problem(statusCode: Status, title: $"{Title}，答卷未保存", detail: Message,
        extensions: new Dictionary<string, object?>
        {
            ["errors"] = new Dictionary<string, string[]> { [Field] = [Message] },
            ["violations"] = new[] { new { question = Field, rule = Rule, message = Message } },
        });
}
