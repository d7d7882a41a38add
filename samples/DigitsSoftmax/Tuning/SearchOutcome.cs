using LossGen.Search;

namespace DigitsSoftmax.Tuning;

/// <summary>The ranked trials and the best configuration's one score on the test split.</summary>
public sealed record SearchOutcome(SearchResult Result, double TestAccuracy);
