namespace Survey.Api;

/// <summary>A configuration the server refuses to start with; Program prints the message (no stack trace) and exits 2.</summary>
public sealed class StartupRefusal(string message) : Exception(message);
