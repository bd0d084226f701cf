global using Microsoft.EntityFrameworkCore;
global using Survey.Core.Definitions;
global using Survey.Core.Responses;
global using static Survey.Api.HtmlEngine;
