using Survey.Api.Apis;
using Survey.Api.Auth;
using Survey.Api.Exports;
using Survey.Api.Extensions;
using Survey.Api.Import;
using Survey.Api.Infrastructure;
using Survey.Api.Organiser;
using Survey.Api.ResidentForm;
using Survey.Api.Security;

if (args is ["scaffold-migration", var name]) return MigrationScaffolding.Run(name, Directory.GetCurrentDirectory());
if (args is ["hash-password"]) return PasswordHashCommand.Run(Console.In, Console.Out, Console.Error);
if (args is [ImportCommand.Verb, var questionnaireId, var file, .. var settings])
    return await ImportCommand.RunAsync(questionnaireId, file, settings, Console.Out, Console.Error, showProgress: !Console.IsErrorRedirected);

// Content (appsettings.json) comes from beside the binary; ./data and ./questionnaires are looked up from the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var organiserToken = builder.AddSurveyServices();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseResidentFormStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapQuestionnairesApi();
app.MapResponsesApi();
app.MapResultsApi();
app.MapChartsApi();
app.MapResidentForm();
app.MapHealthChecks("/healthz");
app.MapOpenApi(); // /openapi/v1.json, public: it describes the routes, not the data
app.MapSignInPages();
app.MapOrganiserPages();
app.MapExportsApi();

await app.PrepareSurveyAsync(organiserToken);
await app.RunAsync();
return 0;

public partial class Program;
