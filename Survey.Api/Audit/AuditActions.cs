namespace Survey.Api.Audit;

/// <summary>
/// The audit log's action keys (stable English, stored) and their Chinese labels (shown). One place: a new action
/// is added here with its label; an unknown key is shown as itself.
/// </summary>
public static class AuditActions
{
    public const string SignInSucceeded = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string SignOut = "signout";
    public const string AssessmentsEntered = "assessments.entered";
    public const string Downloaded = "export.downloaded";
    public const string QuestionnaireLoaded = "questionnaire.loaded";
    public const string SetAside = "responses.set-aside";
    public const string Restored = "responses.restored";
    public const string AuditDownloaded = "audit.downloaded";
    // Called by the invitation-code and data-entry features (issue 12 §1, §3).
    public const string CodesGenerated = "codes.generated";
    public const string CodesRevoked = "codes.revoked";
    public const string EntryCreated = "entry.created";
    public const string EntryBatchCompared = "entry.batch-compared";
    public const string EntryBatchAccepted = "entry.batch-accepted";
    public const string EntryBatchCreated = "entry.batch-created";
    public const string EntryBatchCorrected = "entry.batch-corrected";

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [SignInSucceeded] = "登录成功",
        [SignInFailed] = "登录失败",
        [SignOut] = "退出登录",
        [AssessmentsEntered] = "录入自评与组织考评",
        [Downloaded] = "下载数据",
        [QuestionnaireLoaded] = "问卷配置变更",
        [SetAside] = "搁置答卷",
        [Restored] = "恢复答卷",
        [AuditDownloaded] = "下载审计日志",
        [CodesGenerated] = "生成邀请码",
        [CodesRevoked] = "作废邀请码",
        [EntryCreated] = "录入纸质答卷",
        [EntryBatchCompared] = "比对双录入批次",
        [EntryBatchAccepted] = "双录入批次计入结果",
        [EntryBatchCreated] = "新建双录入批次",
        [EntryBatchCorrected] = "改正双录入差异",
    };

    public static string Label(string action) => Labels.GetValueOrDefault(action, action);

    /// <summary>Who acted, in words: an account name as it is; the token, the server and nobody in Chinese.</summary>
    public static string ActorLabel(string actor) => actor switch
    {
        AuditLog.TokenActor => "组织者令牌",
        AuditLog.SystemActor => "系统",
        AuditLog.AnonymousActor => "未登录",
        _ => actor,
    };

    /// <summary>Chinese words for the fixed values of details (how a sign-in came); other values are shown as they are.</summary>
    public static IReadOnlyDictionary<string, string> DetailValueLabels { get; } = new Dictionary<string, string>
    {
        ["form"] = "登录表单", ["bearer"] = "令牌请求头（API）",
    };

    /// <summary>Chinese names of the details' keys, for the page; other keys are shown as they are.</summary>
    public static IReadOnlyDictionary<string, string> DetailLabels { get; } = new Dictionary<string, string>
    {
        ["name"] = "尝试的账号", ["via"] = "方式", ["file"] = "文件", ["fileName"] = "文件名", ["query"] = "筛选条件",
        ["id"] = "问卷编号", ["version"] = "版本", ["hash"] = "内容哈希", ["round"] = "轮次", ["changes"] = "更改",
        ["organisation"] = "单位", ["self"] = "自评", ["review"] = "组织考评", ["count"] = "数量", ["tag"] = "标签",
        ["reason"] = "原因", ["rule"] = "规则", ["group"] = "分组", ["responses"] = "答卷数", ["setAside"] = "搁置编号",
        ["mode"] = "方式", ["batch"] = "批次", ["copy"] = "录入遍次", ["number"] = "问卷序号", ["question"] = "题目",
        ["formsA"] = "甲录份数", ["formsB"] = "乙录份数", ["differences"] = "不一致处数",
    };
}
