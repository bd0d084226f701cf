using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Survey.Api.Auth;
using Survey.Api.Health;
using Survey.Api.Infrastructure;
using Survey.Api.Limits;
using Survey.Api.OpenApi;
using Survey.Core.Questionnaires;
using Survey.Api.Responses;
using Survey.Api.Security;
using Survey.Api.Results;
using Survey.Api.Results.Engine;

namespace Survey.Api.Extensions;

public static class SurveyServiceExtensions
{
    /// <summary>Everything the API needs, from configuration: database, questionnaires, organiser token, problem details, health.</summary>
    public static OrganiserToken AddSurveyServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection(SurveyOptions.Section).Get<SurveyOptions>() ?? new SurveyOptions();
        services.Configure<SurveyOptions>(builder.Configuration.GetSection(SurveyOptions.Section));

        services.AddSurveyDatabase(builder.Configuration.GetConnectionString("Survey"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GroupCommitWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommitWriter>());
        services.AddSingleton<AnswerLayouts>();
        services.AddSingleton<ResponseSnapshots>();
        services.AddScoped<ResponseStore>();
        services.AddScoped<ResultsService>();
        services.AddScoped<SatisfactionService>();
        services.AddScoped<Survey.Api.Assessments.AssessmentStore>();
        services.AddScoped<Survey.Api.Entry.DataEntryService>();
        services.AddSingleton<Survey.Api.Codes.InvitationCodeHasher>().AddScoped<Survey.Api.Codes.InvitationCodes>();
        services.AddScoped<Survey.Api.Audit.AuditLog>();
        services.AddSingleton<Survey.Api.Integrity.ResponseFlagService>().AddScoped<Survey.Api.Integrity.SetAsideStore>().AddScoped<Survey.Api.Integrity.FlagReport>();
        services.AddScoped<Survey.Api.Rounds.RoundSource>().AddScoped<Survey.Api.Rounds.TrendService>().AddScoped<Survey.Api.Rounds.LeagueService>()
            .AddScoped<Survey.Api.Rounds.RoundReports>();

        var questionnaires = options.ResolveQuestionnairesDirectory(builder.Environment.ContentRootPath);
        services.AddSingleton(sp => QuestionnaireCatalog.LoadFolder(questionnaires, sp.GetRequiredService<ILoggerFactory>().CreateLogger<QuestionnaireCatalog>()));

        var token = OrganiserToken.Resolve(options.OrganiserToken, options.DataDirectory);
        services.AddOrganiserAuthentication(token);
        services.AddRequestLimits(options);
        services.AddSingleton(sp => new SignInRateLimit(options, sp.GetRequiredService<ClientKey>()));
        services.AddTrustedProxies(options);
        services.AddExceptionHandler<DatabaseOutage>();
        services.AddOpenApi(openApi => openApi
            .AddDocumentTransformer<OrganiserSecurityTransformer>()
            .AddOperationTransformer<OrganiserSecurityTransformer>());

        // Keys that protect sign-in cookies and anti-forgery tokens survive restarts and can be shared by instances.
        services.AddDataProtection()
            .SetApplicationName("Survey")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDirectory, "keys")));

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json =>
        {
            // Chinese text is sent as text, not \uXXXX escapes; HTML-sensitive characters are still escaped.
            json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });
        services.AddSurveyHealthChecks();
        return token;
    }

    /// <summary>Start-up work before serving: migrate the database, load questionnaires, say where things are.</summary>
    public static async Task PrepareSurveyAsync(this WebApplication app, OrganiserToken token)
    {
        await app.Services.MigrateSurveyDatabaseAsync();
        var catalog = app.Services.GetRequiredService<QuestionnaireCatalog>();
        await LegacyAnswerConversion.RunAsync(app.Services, catalog, app.Logger);
        // From here the stored responses can be read: in the background, while the rest of start-up goes on (each
        // questionnaire's layout first; /healthz/ready answers 503 until they are in memory).
        app.Services.GetRequiredService<ResponseSnapshots>().StartLoading(catalog.All, app.Lifetime.ApplicationStopping);
        var layouts = app.Services.GetRequiredService<AnswerLayouts>();
        foreach (var questionnaire in catalog.All) await layouts.GetAsync(questionnaire);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // A questionnaire file whose content changed since the last recorded one is a configuration change.
            var audit = scope.ServiceProvider.GetRequiredService<Survey.Api.Audit.AuditLog>();
            foreach (var questionnaire in catalog.All) await audit.RecordQuestionnaireAsync(questionnaire, CancellationToken.None);
        }
        app.Logger.LogInformation("Serving {Count} questionnaire(s); {Rejected} file(s) rejected", catalog.All.Count, catalog.Rejected.Count);
        if (token.Generated)
            app.Logger.LogWarning("Organiser token (kept in {File}): {Token}", token.StoredAt, token.Value);
    }
}
