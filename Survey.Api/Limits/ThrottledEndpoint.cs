namespace Survey.Api.Limits;

/// <summary>Endpoint metadata: this route takes part in the global limits (see <see cref="RequestLimits"/>).</summary>
public sealed record ThrottledEndpoint(ThrottledEndpoint.Kind What)
{
    public enum Kind
    {
        /// <summary>A resident's submission through the JSON API: per-client limit and the shared concurrency limit.</summary>
        Submission,

        /// <summary>The classic form's submission: the same limits, refused with the form (answers kept) as HTML.</summary>
        FormSubmission,

        /// <summary>A chart rendering: a small concurrency limit, since a large PNG costs tens of megabytes.</summary>
        Chart,
    }
}
