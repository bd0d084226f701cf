using System.Runtime.CompilerServices;
using Survey.Api.Model;
using Survey.Api.Responses;

namespace Survey.Api.Import;

/// <summary>One line (JSON Lines) or record (CSV) of an import file: the response to store, or why it cannot be.</summary>
public sealed record ImportedLine(int Line, NewResponse? Response, IReadOnlyList<SubmissionError> Errors)
{
    /// <summary>
    /// The stored row of a valid line (<see cref="NewResponse.ToEntity"/>), when the source made it already (JSON Lines
    /// does, as it parses the line, and then lets <see cref="Response"/> go): the importer holds only the
    /// compact rows until they are written, not the parsed submissions, which would otherwise live long enough to be
    /// collected in the older generations (in a million-line import: 42 full collections, 8 s of pauses per 200,000 lines).
    /// </summary>
    public SurveyResponse? Row { get; init; }

    /// <summary>Valid: it has a response to store (parsed, or already as its row).</summary>
    public bool IsValid => Response is not null || Row is not null;

    /// <summary>
    /// Runs the submission through the same validator as the API; <paramref name="formatErrors"/> are what the file
    /// format itself found (a bad time or cell), reported together with the validator's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ImportedLine Validate(int line, Questionnaire questionnaire, ResponseSubmission? submission,
        IReadOnlyList<SubmissionError> formatErrors, Guid id, DateTime submittedAtUtc, ResponseMode mode = ResponseMode.Import)
    {
        var errors = submission is null ? formatErrors
            : formatErrors.Count == 0 ? SubmissionValidator.Validate(questionnaire, submission) // no list per valid line
            : [.. formatErrors, .. SubmissionValidator.Validate(questionnaire, submission)];
        return errors.Count > 0 || submission is null
            ? new ImportedLine(line, null, errors)
            : new ImportedLine(line, new NewResponse(id, NewResponse.RoundToMinute(submittedAtUtc), submission) { Mode = mode }, errors);
    }
}
