using Microsoft.AspNetCore.Mvc;

namespace Survey.Api.Limits;

/// <summary>The refusals that mean "nothing was stored, send it again later", in Chinese, with Retry-After.</summary>
public static class TryAgain
{
    /// <summary>Seconds a client is asked to wait when the server is busy or the database is unavailable.</summary>
    public const int BusySeconds = 5;

    public const string BusyTitle = "服务繁忙，答卷未保存";
    public const string BusyDetail = "请稍等片刻后重新提交；您填写的答案仍保留在页面上。";
    public const string TooManyTitle = "提交过于频繁，答卷未保存";
    public const string ChartsBusyDetail = "正在生成的图表过多，请稍后再试。";

    /// <summary>The rule name of the form's "try again" message (not a mistake in the answers).</summary>
    public const string Rule = "tryAgain";

    public static string TooManyDetail(int seconds) => $"同一网络在短时间内提交了过多答卷，请在{seconds}秒后再提交；您填写的答案仍保留在页面上。";

    public static ProblemDetails Busy(string? detail = null) =>
        new() { Status = StatusCodes.Status503ServiceUnavailable, Title = BusyTitle, Detail = detail ?? BusyDetail };

    /// <summary>A read (results, pages) while the database is unavailable.</summary>
    public static ProblemDetails Unavailable() =>
        new() { Status = StatusCodes.Status503ServiceUnavailable, Title = "服务暂时不可用", Detail = "数据库暂时不可用，请稍后再试。" };

    public static ProblemDetails TooMany(int seconds) =>
        new() { Status = StatusCodes.Status429TooManyRequests, Title = TooManyTitle, Detail = TooManyDetail(seconds) };

    public static void SetRetryAfter(HttpResponse response, int seconds) => response.Headers.RetryAfter = seconds.ToString();
}
