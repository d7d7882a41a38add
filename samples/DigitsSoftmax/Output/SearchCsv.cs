using System.Globalization;
using System.IO;
using DigitsSoftmax.Tuning;
using LossGen.Search;

namespace DigitsSoftmax.Output;

/// <summary>Every trial, best first, as CSV: rank, λ, lr, mean validation score, error if it failed.</summary>
public static class SearchCsv
{
    public const string Header = "rank,lambda,lr,score,error";

    public static void Write(string path, SearchResult result)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(Header);
        for (int i = 0; i < result.Trials.Count; i++)
        {
            SearchTrial t = result.Trials[i];
            string error = t.Error is null ? "" : "\"" + t.Error.Replace("\"", "\"\"", System.StringComparison.Ordinal) + "\"";
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{i + 1},{t.Parameters[SearchPlan.LambdaName]:R},{t.Parameters[SearchPlan.LearningRateName]:R},{t.Score:R},{error}"));
        }
    }
}
