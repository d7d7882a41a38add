using System.Collections.Generic;

namespace DigitsSoftmax.Plots;

/// <summary>One named line of a chart: y against x.</summary>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);
