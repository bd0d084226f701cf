namespace Survey.Analysis.Crosstabs;

/// <summary>Columns whose base is below <paramref name="SuppressionThreshold"/> are withheld.</summary>
public sealed record CrosstabOptions(int SuppressionThreshold = 5, double Alpha = 0.05);
