namespace Survey.Api.Auth;

/// <summary>
/// A configured organiser (<c>Survey:Organisers:0:Name</c>, <c>Survey:Organisers:0:PasswordHash</c>). The hash is in
/// ASP.NET Core Identity's <c>PasswordHasher</c> format (PBKDF2-HMAC-SHA512, salted); make one with
/// <c>dotnet Survey.Api.dll hash-password</c>. Passwords themselves are never configured.
/// </summary>
public sealed class OrganiserAccount
{
    public string Name { get; set; } = "";
    public string PasswordHash { get; set; } = "";
}
