using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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
        string id, string? period, string? from, string? to, string[]? where, string? mode, [FromQuery(Name = "base")] string? basis,
        QuestionnaireCatalog catalog, TrendService trends, CancellationToken cancellationToken)
    {
        var (questionnaire, query, roundPeriod, problem) = ResolveTrend(id, period, from, to, where, mode, basis, catalog);
        if (problem is not null) return problem;
        return TypedResults.Ok(await trends.ComputeAsync(questionnaire!, query!.Filter, query.Basis, roundPeriod, cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetTrendChart(
        string id, string format, string? question, string? period, string? from, string? to, string[]? where, string? mode, [FromQuery(Name = "base")] string? basis,
        int? width, int? height, double? scale, QuestionnaireCatalog catalog, TrendService trends, CancellationToken cancellationToken)
    {
        var (questionnaire, query, roundPeriod, problem) = ResolveTrend(id, period, from, to, where, mode, basis, catalog);
        if (problem is not null) return problem;
        var shown = question ?? TrendService.CompositeId;
        if (shown is not (TrendService.CompositeId or TrendCharts.Items) && questionnaire!.FindQuestion(shown) is not { Type: not QuestionType.Text })
            return Problems.ChoiceQuestionNotFound(id, shown);
        if (shown is TrendService.CompositeId or TrendCharts.Items && !questionnaire!.HasScoredItems) return Problems.NoScoredItems(id);
        if (ChartFormat.Parse(format, width, height, scale) is not { } size) return Problems.InvalidQuery(ChartFormat.Errors());
        var trend = await trends.ComputeAsync(questionnaire!, query!.Filter, query.Basis, roundPeriod, cancellationToken);
        return size.Render(TrendCharts.Create(questionnaire!, trend, shown), $"{questionnaire!.Id}-trend-{shown}");
    }

    public static async Task<Results<Ok<LeagueResults>, ProblemHttpResult>> GetLeague(
        string id, string? by, string? round, string? from, string? to, string[]? where, string? mode,
        QuestionnaireCatalog catalog, TrendService trends, LeagueService leagues, CancellationToken cancellationToken)
    {
        var (questionnaire, query, resolved, problem) = await ResolveLeagueAsync(id, by, round, from, to, where, mode, catalog, trends, cancellationToken);
        if (problem is not null) return problem;
        var (league, figures) = await leagues.ComputeAsync(questionnaire!, query!.Filter, query.By!, resolved!, cancellationToken);
        return TypedResults.Ok(leagues.View(questionnaire!, query.By!, resolved!, league, figures));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetLeagueChart(
        string id, string format, string? by, string? round, string? from, string? to, string[]? where, string? mode,
        int? width, int? height, double? scale, QuestionnaireCatalog catalog, TrendService trends, LeagueService leagues, CancellationToken cancellationToken)
    {
        var (questionnaire, query, resolved, problem) = await ResolveLeagueAsync(id, by, round, from, to, where, mode, catalog, trends, cancellationToken);
        if (problem is not null) return problem;
        if (ChartFormat.Parse(format, width, height, scale) is not { } size) return Problems.InvalidQuery(ChartFormat.Errors());
        var (league, _) = await leagues.ComputeAsync(questionnaire!, query!.Filter, query.By!, resolved!, cancellationToken);
        return size.Render(LeagueChart.Create(TrendCharts.LeagueTitle(query.By!, resolved!, league), league), $"{questionnaire!.Id}-league-{resolved!.Id}");
    }

    private static (Questionnaire?, ResultsQuery?, RoundPeriod?, ProblemHttpResult?) ResolveTrend(
        string id, string? period, string? from, string? to, string[]? where, string? mode, string? basis, QuestionnaireCatalog catalog)
    {
        var (questionnaire, query, problem) = new ResultsParameters(from, to, where, basis, Mode: mode).Resolve(id, catalog);
        if (problem is not null) return (null, null, null, problem);
        RoundPeriod? roundPeriod = null;
        if (!string.IsNullOrEmpty(period) && period != "named")
        {
            roundPeriod = RoundSchedule.ParsePeriod(period);
            if (roundPeriod is null) return (null, null, null, Problems.InvalidQuery(new() { ["period"] = [$"周期应为 month、quarter、half、year 或 named：“{period}”"] }));
        }
        if (period == "named" && RoundSchedule.Named(questionnaire!).Count == 0)
            return (null, null, null, Problems.InvalidQuery(new() { ["period"] = ["这份问卷没有命名的轮次"] }));
        return (questionnaire, query, roundPeriod, null);
    }

    /// <summary>by= defaults to the evaluated organisations, round= to the latest round with responses.</summary>
    internal static async Task<(Questionnaire?, ResultsQuery?, Round?, ProblemHttpResult?)> ResolveLeagueAsync(
        string id, string? by, string? round, string? from, string? to, string[]? where, string? mode, QuestionnaireCatalog catalog, TrendService trends,
        CancellationToken cancellationToken)
    {
        var organisations = catalog.Find(id)?.Evaluation?.Organisations;
        var (questionnaire, query, problem) = new ResultsParameters(from, to, where, By: by ?? organisations, Round: round, Mode: mode).ResolveScored(id, catalog);
        if (problem is not null) return (null, null, null, problem);
        if (query!.By is null) return (null, null, null, Problems.InvalidQuery(new() { ["by"] = ["请用 by= 指定按哪道单选题排名（如 community）"] }));
        var resolved = query.Filter.Round ?? (await trends.RoundsAsync(questionnaire!, query.Filter, null, cancellationToken)).LastOrDefault();
        if (resolved is null) return (null, null, null, Problems.InvalidQuery(new() { ["round"] = ["还没有答卷，请用 round= 指定轮次"] }));
        return (questionnaire, query with { Filter = query.Filter with { Round = null } }, resolved, null);
    }
}
