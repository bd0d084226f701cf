using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel;
using Survey.Analysis.Charts;
using Survey.Analysis.Rounds;
using Survey.Api.Apis;
using Survey.Api.Auth;
using Survey.Api.OpenApi;
using Survey.Api.Results;
using Survey.Core.Questionnaires;

namespace Survey.Api.Rounds;

/// <summary>Organisers only: trends across rounds with tests of change, and league tables of organisations in a round.</summary>
public static class RoundsApi
{
    public static RouteGroupBuilder MapRoundsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questionnaires/{id}").WithTags("Rounds").RequireAuthorization(OrganiserPolicy.Name);
        api.MapGet("/trend", GetTrend).WithName(nameof(GetTrend))
            .WithSummary("各轮次走势").WithDescription("按轮次（period=month|quarter|half|year，或问卷中的命名轮次）给出答卷数、各选项百分比及 Wilson 区间、各评价项和综合的满意度指数及区间、满意率及区间，以及与上一轮相比的检验（比例用两独立样本 z 检验，指数用 Welch t 检验）。")
            .ProducesQueryProblems();
        api.MapGet("/trend/chart.{format}", GetTrendChart).WithName(nameof(GetTrendChart))
            .WithSummary("走势图").WithDescription("走势折线图（PNG 或 SVG）：question=选择题编号（各选项）、items（各评价项和综合）或 composite（默认）；样本不足的轮次留空。")
            .ProducesQueryProblems();
        api.MapGet("/league", GetLeague).WithName(nameof(GetLeague))
            .WithSummary("排名表").WithDescription("某一轮次（round=）中 by= 各单位（默认为被测评单位）的答卷数、满意度指数及区间、满意率、自评与考评、综合得分、名次和差异字母（Welch t 检验，Holm 校正）；不足阈值的单位列为样本不足。")
            .ProducesQueryProblems();
        api.MapGet("/league/chart.{format}", GetLeagueChart).WithName(nameof(GetLeagueChart))
            .WithSummary("排名图").WithDescription("排名点图（PNG 或 SVG）：按得分排序，线段为 95% 置信区间，字母相同者差异不显著。")
            .ProducesQueryProblems();
        return api;
    }

    public static async Task<Results<Ok<TrendResults>, ProblemHttpResult>> GetTrend(
        [AsParameters] OrganiserQuery query, [Description("轮次周期：month、quarter、half、year，或 named（问卷中命名的轮次）；默认为问卷的周期")] string? period,
        QuestionnaireCatalog catalog, TrendService trends, CancellationToken cancellationToken)
    {
        var (resolved, roundPeriod, problem) = ResolveTrend(query, period, catalog);
        if (problem is not null) return problem;
        return TypedResults.Ok(await trends.ComputeAsync(resolved!.Questionnaire, resolved.Filter, resolved.Basis, roundPeriod, cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetTrendChart(
        [AsParameters] OrganiserQuery query, string format,
        [Description("画什么：选择题编号（各选项占比）、items（各评价项和综合指数）或 composite（综合指数，默认）")] string? question,
        [Description("轮次周期：month、quarter、half、year，或 named；默认为问卷的周期")] string? period,
        int? width, int? height, double? scale, QuestionnaireCatalog catalog, TrendService trends, CancellationToken cancellationToken)
    {
        var (resolved, roundPeriod, problem) = ResolveTrend(query, period, catalog);
        if (problem is not null) return problem;
        var questionnaire = resolved!.Questionnaire;
        var shown = question ?? TrendService.CompositeId;
        if (shown is not (TrendService.CompositeId or TrendCharts.Items) && questionnaire.FindQuestion(shown) is not { Type: not QuestionType.Text })
            return Problems.ChoiceQuestionNotFound(questionnaire.Id, shown);
        if (shown is TrendService.CompositeId or TrendCharts.Items && !questionnaire.HasScoredItems) return Problems.NoScoredItems(questionnaire.Id);
        if (ChartFormat.Parse(format, width, height, scale) is not { } size) return Problems.InvalidQuery(ChartFormat.Errors());
        var trend = await trends.ComputeAsync(questionnaire, resolved.Filter, resolved.Basis, roundPeriod, cancellationToken);
        return size.Render(TrendCharts.Create(questionnaire, trend, shown), $"{questionnaire.Id}-trend-{shown}");
    }

    public static async Task<Results<Ok<LeagueResults>, ProblemHttpResult>> GetLeague(
        [AsParameters] OrganiserQuery query, QuestionnaireCatalog catalog, TrendService trends, LeagueService leagues, CancellationToken cancellationToken)
    {
        var (resolved, round, problem) = await ResolveLeagueAsync(query, catalog, trends, cancellationToken);
        if (problem is not null) return problem;
        var (league, figures) = await leagues.ComputeAsync(resolved!.Questionnaire, resolved.Filter, resolved.By!, round!, cancellationToken);
        return TypedResults.Ok(leagues.View(resolved.Questionnaire, resolved.By!, round!, league, figures));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetLeagueChart(
        [AsParameters] OrganiserQuery query, string format, int? width, int? height, double? scale,
        QuestionnaireCatalog catalog, TrendService trends, LeagueService leagues, CancellationToken cancellationToken)
    {
        var (resolved, round, problem) = await ResolveLeagueAsync(query, catalog, trends, cancellationToken);
        if (problem is not null) return problem;
        if (ChartFormat.Parse(format, width, height, scale) is not { } size) return Problems.InvalidQuery(ChartFormat.Errors());
        var (league, _) = await leagues.ComputeAsync(resolved!.Questionnaire, resolved.Filter, resolved.By!, round!, cancellationToken);
        return size.Render(LeagueChart.Create(TrendCharts.LeagueTitle(resolved.By!, round!, league), league), $"{resolved.Questionnaire.Id}-league-{round!.Id}");
    }

    /// <summary>A trend runs across the rounds, undivided: <c>round</c> and <c>by</c> are refused (400), <c>period</c> checked.</summary>
    private static (ResolvedQuery?, RoundPeriod?, ProblemHttpResult?) ResolveTrend(OrganiserQuery query, string? period, QuestionnaireCatalog catalog)
    {
        if (!query.TryResolve(catalog, out var resolved, out var problem)) return (null, null, problem);
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrEmpty(query.Round)) errors["round"] = ["走势按轮次排列各轮，不能用 round= 只取一轮"];
        if (!string.IsNullOrEmpty(query.By)) errors["by"] = ["走势不分组：分组比较请用排名表（league?by=）"];
        RoundPeriod? roundPeriod = null;
        if (!string.IsNullOrEmpty(period) && period != "named")
        {
            roundPeriod = RoundSchedule.ParsePeriod(period);
            if (roundPeriod is null) errors["period"] = [$"周期应为 month、quarter、half、year 或 named：“{period}”"];
        }
        if (period == "named" && RoundSchedule.Named(resolved.Questionnaire).Count == 0) errors["period"] = ["这份问卷没有命名的轮次"];
        return errors.Count > 0 ? (null, null, Problems.InvalidQuery(errors)) : (resolved, roundPeriod, null);
    }

    /// <summary>
    /// A scored questionnaire; by= defaults to the evaluated organisations, round= to the latest round with responses (then
    /// taken out of the filter: the league is computed per round). The base of percentages does not apply (400).
    /// </summary>
    internal static async Task<(ResolvedQuery?, Round?, ProblemHttpResult?)> ResolveLeagueAsync(
        OrganiserQuery query, QuestionnaireCatalog catalog, TrendService trends, CancellationToken cancellationToken)
    {
        var organisations = catalog.Find(query.Id)?.Evaluation?.Organisations;
        if (!(query with { By = query.By ?? organisations }).TryResolveScored(catalog, out var resolved, out var problem)) return (null, null, problem);
        if (!string.IsNullOrEmpty(query.Basis)) return (null, null, Problems.InvalidQuery(new() { ["base"] = ["排名表的满意率以有效票为基数，不能指定 base="] }));
        if (resolved.By is null) return (null, null, Problems.InvalidQuery(new() { ["by"] = ["请用 by= 指定按哪道单选题排名（如 community）"] }));
        var round = resolved.Filter.Round ?? (await trends.RoundsAsync(resolved.Questionnaire, resolved.Filter, null, cancellationToken)).LastOrDefault();
        if (round is null) return (null, null, Problems.InvalidQuery(new() { ["round"] = ["还没有答卷，请用 round= 指定轮次"] }));
        return (resolved with { Filter = resolved.Filter with { Round = null } }, round, null);
    }
}
