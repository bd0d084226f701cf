namespace Survey.Api.Model;

/// <summary>
/// How a response reached the database: a resident's own submission (the form or the API), a paper form typed in by an
/// organiser (data entry, single or double), or a file loaded with <c>script/import</c>. Stored as a small number;
/// rows stored before the column existed are <see cref="Web"/>.
/// </summary>
public enum ResponseMode : byte
{
    Web = 0,
    Paper = 1,
    Import = 2,
}
