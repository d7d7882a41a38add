extern alias GeneratorAssembly;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using LossGen.Compiler.Model;
using LossGen.Compiler.Passes;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// The incremental pipeline caches a step only if its output equals the previous one, and holding a
/// symbol, syntax node, location, semantic model or compilation both defeats that equality and
/// keeps old compilations alive. So no type reachable from the pipeline's models may hold one.
/// </summary>
public class ModelPurityTests
{
    private static readonly Type[] Forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(SemanticModel), typeof(Compilation) };

    [Fact]
    public void No_model_type_holds_a_symbol_syntax_location_semantic_model_or_compilation()
    {
        var generatorRecord = typeof(GeneratorAssembly::LossGen.Generator.LossGenGenerator)
            .GetNestedType("Compiled", BindingFlags.NonPublic)!;
        var roots = new[] { typeof(DeclarationModel), typeof(CompileResult), generatorRecord };

        var visited = new HashSet<Type>();
        var offenders = new List<string>();
        foreach (var root in roots) Walk(root, root.Name, visited, offenders);

        offenders.ShouldBeEmpty();
        // The walk must really reach the IR and the spans, or the check above proves nothing.
        visited.ShouldContain(typeof(SourceSpan));
        visited.ShouldContain(typeof(LossGen.Compiler.Ir.Access));
        visited.ShouldContain(typeof(DiagnosticInfo));
    }

    private static void Walk(Type type, string path, HashSet<Type> visited, List<string> offenders)
    {
        if (Forbidden.Any(f => f.IsAssignableFrom(type)))
        {
            offenders.Add($"{path}: {type.Name}");
            return;
        }
        if (!visited.Add(type)) return;

        if (type.IsArray) Walk(type.GetElementType()!, path + "[]", visited, offenders);
        if (type.IsGenericType)
            foreach (var arg in type.GetGenericArguments()) Walk(arg, $"{path}<{arg.Name}>", visited, offenders);
        if (!IsOurs(type)) return;

        const BindingFlags all = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        for (var t = type; t is not null && IsOurs(t); t = t.BaseType)
        {
            foreach (var f in t.GetFields(all)) Walk(f.FieldType, $"{path}.{f.Name}", visited, offenders);
            foreach (var p in t.GetProperties(all)) Walk(p.PropertyType, $"{path}.{p.Name}", visited, offenders);
        }
        // A field of an abstract type (Expr, Ix, Cond) can hold any of its subtypes.
        if (type.IsAbstract || type.IsInterface)
            foreach (var sub in type.Assembly.GetTypes().Where(t => t != type && type.IsAssignableFrom(t)))
                Walk(sub, $"{path}:{sub.Name}", visited, offenders);
    }

    private static bool IsOurs(Type t) => t.Assembly.GetName().Name!.StartsWith("LossGen");
}
