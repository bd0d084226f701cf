namespace Survey.Core.Definitions;

/// <summary>Whether a questionnaire takes responses at a given moment (its <c>open</c> flag and its schedule).</summary>
public enum CollectionState
{
    /// <summary>Before <c>opensAt</c>.</summary>
    NotYetOpen,

    /// <summary>Taking responses.</summary>
    Collecting,

    /// <summary>At or after <c>closesAt</c>.</summary>
    Ended,

    /// <summary><c>"open": false</c>: closed by the organisers, whatever the dates.</summary>
    Closed,
}
