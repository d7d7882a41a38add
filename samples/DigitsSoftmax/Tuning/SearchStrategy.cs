namespace DigitsSoftmax.Tuning;

/// <summary>Grid: every combination of evenly (log-)spaced points. Random: log-uniform draws, which
/// cover each axis more densely for the same budget when only one of the two matters much.</summary>
public enum SearchStrategy
{
    Grid,
    Random,
}
