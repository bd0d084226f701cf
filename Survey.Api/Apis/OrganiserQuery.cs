using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Survey.Analysis.Tallies;
using Survey.Api.Results;
using Survey.Api.Rounds;
using Survey.Core.Questionnaires;

namespace Survey.Api.Apis;

/// <summary>
/// The query parameters every organiser view shares, bound with <c>[AsParameters]</c> (as eShop's <c>PaginationRequest</c>):
/// the questionnaire (<c>{id}</c> in the route), the filters (<c>from</c>, <c>to</c>, <c>where</c>, <c>round</c>, <c>mode</c>), the base of
/// percentages (<c>base</c>) and the break-down (<c>by</c>). The one parser of them: <see cref="TryResolve"/> for the API,
/// <see cref="Parse"/> for the dashboard page (which shows the errors rather than answering 400).
/// To add a parameter: add it here with a Chinese <see cref="DescriptionAttribute"/>, parse it in <see cref="Parse"/>
/// (errors keyed by its name), carry it in <see cref="ResponseFilter"/> (or <see cref="ResolvedQuery"/>), and write it back in
/// <see cref="Survey.Api.Organiser.DashboardQuery.For"/>; every route that takes this record then accepts it.
/// </summary>
public sealed record OrganiserQuery(
    // Names in lower case, as in every link and in the OpenAPI document (binding itself ignores case).
    [property: Description("问卷编号")] string Id,
    [property: FromQuery(Name = "from"), Description("起始日期（含），yyyy-MM-dd，按提交时间（北京时间的日期，与测评轮次一致）筛选")] string? From = null,
    [property: FromQuery(Name = "to"), Description("结束日期（含），yyyy-MM-dd，按提交时间（北京时间的日期，与测评轮次一致）筛选")] string? To = null,
    [property: FromQuery(Name = "where"), Description("答案筛选，“题目编号:选项编号”，可重复（须同时满足），如 where=identity:cadre")] string[]? Where = null,
    [property: FromQuery(Name = "round"), Description("测评轮次：问卷中命名的轮次，或日历轮次 2026-03、2026-Q1、2026-H1、2026（北京时间）")] string? Round = null,
    [property: FromQuery(Name = "base"), Description("百分比的基数：answered（回答本题的受访者，默认）、shown（显示本题的受访者）或 all（全部受访者）")] string? Basis = null,
    [property: FromQuery(Name = "by"), Description("分组比较（交叉分析）所按的单选题编号，如 by=identity")] string? By = null,
    [property: FromQuery(Name = "mode"), Description("收集方式：web（网上填写）、paper（纸质问卷录入）或 import（文件导入）；不填为全部")] string? Mode = null)
{
    /// <summary>The questionnaire and the parsed query, or the problem: 404 for an unknown questionnaire, 400 with errors keyed by parameter.</summary>
    public bool TryResolve(QuestionnaireCatalog catalog, [NotNullWhen(true)] out ResolvedQuery? query, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        query = null;
        if (catalog.Find(Id) is not { } questionnaire)
        {
            problem = Problems.QuestionnaireNotFound(Id);
            return false;
        }
        query = Parse(questionnaire, out var errors);
        problem = query is null ? Problems.InvalidQuery(errors) : null;
        return query is not null;
    }

    /// <summary>As <see cref="TryResolve"/>, and 404 when the questionnaire has no scored (satisfaction) items.</summary>
    public bool TryResolveScored(QuestionnaireCatalog catalog, [NotNullWhen(true)] out ResolvedQuery? query, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        if (!TryResolve(catalog, out query, out problem)) return false;
        if (query.Questionnaire.HasScoredItems) return true;
        (query, problem) = (null, Problems.NoScoredItems(Id));
        return false;
    }

    /// <summary>Parses and checks every parameter against the questionnaire; null with the errors (keyed by parameter, in Chinese) when any is wrong.</summary>
    public ResolvedQuery? Parse(Questionnaire questionnaire, out Dictionary<string, string[]> errors)
    {
        var (filter, filterErrors) = ResponseFilter.Parse(questionnaire, From, To, Where ?? [], Round, Mode);
        errors = filterErrors;
        if (!TallyBaseQuery.TryParse(Basis, out var basis)) errors["base"] = [TallyBaseQuery.Invalid(Basis)];
        Question? by = null;
        if (!string.IsNullOrEmpty(By))
        {
            by = questionnaire.FindQuestion(By);
            if (by is not { Type: QuestionType.Single }) errors["by"] = [$"交叉分析只能按单选题：“{By}”"];
        }
        return errors.Count > 0 || filter is null ? null : new ResolvedQuery(questionnaire, filter, basis, by);
    }
}

/// <summary>An organiser query checked against its questionnaire: which responses (<see cref="Filter"/>), the base of percentages and the break-down.</summary>
public sealed record ResolvedQuery(Questionnaire Questionnaire, ResponseFilter Filter, TallyBase Basis, Question? By)
{
    /// <summary>What the view covers, in words and file names.</summary>
    public ResultsScope Scope => new(Questionnaire, Filter, By, Basis);

    /// <summary>The analysis of this query (one memoised pass; <paramref name="onlyQuestion"/> for a single chart).</summary>
    public Task<QuestionnaireAnalysis> AnalyseAsync(ResultsService results, CancellationToken cancellationToken, Question? onlyQuestion = null) =>
        results.AnalyseAsync(Questionnaire, Filter, Basis, By, cancellationToken, onlyQuestion);

    /// <summary>The satisfaction indices under the same filters and break-down (the same pass).</summary>
    public Task<SatisfactionAnalysis> SatisfactionAsync(SatisfactionService satisfaction, CancellationToken cancellationToken) =>
        satisfaction.AnalyseAsync(Questionnaire, Filter, By, cancellationToken);
}
