using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Survey.Api.Auth;

namespace Survey.Api.OpenApi;

/// <summary>
/// Declares the two ways an organiser authenticates (bearer token, sign-in cookie) in the OpenAPI document, and
/// marks every operation that requires the organiser policy as needing either, and every other one as public
/// (<c>security: []</c>), so clients see what is protected. Also drops the trailing slash of the server URL.
/// </summary>
public sealed class OrganiserSecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string BearerScheme = "organiserToken";
    public const string CookieScheme = "organiserCookie";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "组织者令牌：Authorization: Bearer <Survey:OrganiserToken>",
        };
        document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = OrganiserPolicy.CookieName,
            Description = "浏览器登录（/admin/sign-in）后设置的组织者 Cookie",
        };
        // "http://host/" → "http://host": paths already start with "/".
        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var organiserOnly = context.Description.ActionDescriptor.EndpointMetadata
            .OfType<IAuthorizeData>().Any(a => a.Policy == OrganiserPolicy.Name);
        if (!organiserOnly)
        {
            // Public (residents' and sign-in) routes say so explicitly: "security: []".
            operation.Security = [];
            return Task.CompletedTask;
        }
        // Two requirements = either one is enough (OpenAPI ORs the entries of "security").
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] },
        ];
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "未登录或令牌无效" });
        return Task.CompletedTask;
    }
}
