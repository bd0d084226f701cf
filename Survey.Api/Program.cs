using Survey.Api.Apis;
using Survey.Api.Audit;
using Survey.Api.Auth;
using Microsoft.Extensions.Options;
using Survey.Api;
using Survey.Api.Backups;
using Survey.Api.Codes;
using Survey.Api.Exports;
using Survey.Api.Health;
using Survey.Api.Extensions;
using Survey.Api.Import;
using Survey.Api.Integrity;
using Survey.Api.Infrastructure;
using Survey.Api.Limits;
using Survey.Api.Organiser;
using Survey.Api.Paper;
using Survey.Api.Entry;
using Survey.Api.ResidentForm;
using Survey.Api.Rounds;
using Survey.Api.Security;

if (args is ["scaffold-migration", var name]) return MigrationScaffolding.Run(name, Directory.GetCurrentDirectory());
if (args is ["scaffold-compiled-model"]) return MigrationScaffolding.ScaffoldCompiledModels(Directory.GetCurrentDirectory());
if (args is ["scaffold-new-database-scripts"]) return MigrationScaffolding.ScaffoldNewDatabaseScripts(Directory.GetCurrentDirectory());
if (args is ["hash-password"]) return PasswordHashCommand.Run(Console.In, Console.Out, Console.Error);
if (args is [ImportCommand.Verb, var questionnaireId, var file, .. var settings])
    return await ImportCommand.RunAsync(questionnaireId, file, settings, Console.Out, Console.Error, showProgress: !Console.IsErrorRedirected);
if (args is [AuditVerifyCommand.Verb, .. var auditSettings]) return await AuditVerifyCommand.RunAsync(auditSettings, Console.Out, Console.Error);
if (args is [("backup" or "restore") and var verb, var backupFile])
{
    // The same settings the server reads: appsettings.json beside the binary, then environment variables.
    var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables().Build();
    return SqliteBackupCommand.Run(verb, backupFile, configuration, Console.Out, Console.Error);
}

// Content (appsettings.json) comes from beside the binary; ./data and ./questionnaires are looked up from the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
OrganiserToken organiserToken;
try { organiserToken = builder.AddSurveyServices(); }
catch (StartupRefusal refusal)
{
    Console.Error.WriteLine($"Survey: not starting. {refusal.Message}");
    return 2;
}

var app = builder.Build();
app.UseTrustedProxies(app.Services.GetRequiredService<IOptions<SurveyOptions>>().Value);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseResidentFormStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter(); // after authentication: a locked-out bearer client is refused before its submission is queued
app.UseAntiforgery();

app.MapQuestionnairesApi();
app.MapResponsesApi();
app.MapResultsApi();
app.MapChartsApi();
app.MapResidentForm();
app.MapPaperForm();
app.MapDataEntry();
app.MapBurstsApi();
app.MapSurveyHealthChecks();
app.MapOpenApi(); // /openapi/v1.json, public: it describes the routes, not the data
app.MapSignInPages();
app.MapOrganiserPages();
app.MapExportsApi();
app.MapEvaluationRounds();
app.MapCodesApi();
app.MapCodePages();
app.MapAuditApi();
app.MapAuditPage();
app.MapFlagsApi();
app.MapFlagsSection();

await app.PrepareSurveyAsync(organiserToken);
await app.RunAsync();
return 0;

public partial class Program;
