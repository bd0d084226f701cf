namespace Survey.Api.Auth;

/// <summary>
/// <c>dotnet Survey.Api.dll hash-password</c>: reads a password from standard input (not the command line, so it
/// stays out of shell history and process lists) and prints the hash to put in <c>Survey:Organisers:N:PasswordHash</c>.
/// </summary>
public static class PasswordHashCommand
{
    public static int Run(TextReader input, TextWriter output, TextWriter error)
    {
        if (!Console.IsInputRedirected) error.Write("Password: ");
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine("hash-password: no password given on standard input");
            return 1;
        }
        output.WriteLine(OrganiserCredentials.HashPassword(password));
        return 0;
    }
}
