namespace Survey.Api.Model;

/// <summary>
/// One invitation code, stored only as a keyed hash (HMAC-SHA256 with the server secret): the code itself is shown
/// once, when generated. Deliberately holds no response id and no time of use, only whether it was used, so a
/// response cannot be traced back to a code (README, "Invitation codes and anonymity").
/// </summary>
public sealed class InvitationCode
{
    /// <summary>Hex HMAC-SHA256 of "questionnaire id:code" (the code upper-case, without the dash).</summary>
    public required string Hash { get; set; }

    public required string QuestionnaireId { get; set; }

    /// <summary>Groups codes for printing and revoking, e.g. "community:east-street"; never stored with a response.</summary>
    public string? Tag { get; set; }

    /// <summary>The day the code was generated (a date, not a time: batches are printed days before they are used).</summary>
    public DateOnly CreatedOn { get; set; }

    public bool Used { get; set; }

    public bool Revoked { get; set; }
}
