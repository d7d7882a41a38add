using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LossGen.Tests.Fixtures;

namespace LossGen.Tests.WholeTensor;

/// <summary>One case of Fixtures/whole_tensor.json (tests/fixtures-scripts/make_whole_tensor.py).</summary>
internal sealed class WholeTensorFixtureCase
{
    public string Name { get; init; } = "";
    public Dictionary<string, FixtureTensor> Inputs { get; init; } = new();
    public double Value { get; init; }
    public Dictionary<string, FixtureTensor> Gradients { get; init; } = new();
    public FixtureTensor? Labels { get; init; }

    public int[] LabelValues => Labels?.AsInts() ?? [];

    public static IReadOnlyList<WholeTensorFixtureCase> All { get; } = Load();

    public static WholeTensorFixtureCase Get(string name) => All.Single(c => c.Name == name);

    private static IReadOnlyList<WholeTensorFixtureCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "whole_tensor.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return doc.RootElement.GetProperty("cases").Deserialize<List<WholeTensorFixtureCase>>(options)!;
    }
}
