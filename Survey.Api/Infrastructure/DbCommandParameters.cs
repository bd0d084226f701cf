using System.Data.Common;

namespace Survey.Api.Infrastructure;

/// <summary>
/// Named parameters on the plain ADO.NET commands the engine, the writer and the layout run outside EF, whichever
/// provider (Npgsql or Microsoft.Data.Sqlite) made the command. The one place such a parameter is built.
/// </summary>
public static class DbCommandParameters
{
    public static DbParameter AddParameter(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
