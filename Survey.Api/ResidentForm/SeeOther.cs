namespace Survey.Api.ResidentForm;

/// <summary>303 See Other (ASP.NET Core has no built-in result for it): after a POST, the browser GETs the thank-you page.</summary>
public sealed class SeeOther(string location) : IResult, IStatusCodeHttpResult
{
    public string Location { get; } = location;

    public int? StatusCode => StatusCodes.Status303SeeOther;

    public Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = Location;
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
