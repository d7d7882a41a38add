using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// Every type a value of the given types can hold, through fields, properties, arrays, generic
/// arguments and (for an abstract type such as Expr) every subtype, stopping at forbidden ones.
/// </summary>
internal static class ReachableTypes
{
    /// <summary>Walks from <paramref name="roots"/>; returns the types visited and each path that reaches a forbidden type.</summary>
    public static (HashSet<Type> Visited, List<string> Offenders) From(IEnumerable<Type> roots, IReadOnlyList<Type> forbidden)
    {
        var visited = new HashSet<Type>();
        var offenders = new List<string>();
        foreach (var root in roots) Walk(root, root.Name, forbidden, visited, offenders);
        return (visited, offenders);
    }

    private static void Walk(Type type, string path, IReadOnlyList<Type> forbidden, HashSet<Type> visited, List<string> offenders)
    {
        if (forbidden.Any(f => f.IsAssignableFrom(type)))
        {
            offenders.Add($"{path}: {type.Name}");
            return;
        }
        if (!visited.Add(type)) return;

        if (type.IsArray) Walk(type.GetElementType()!, path + "[]", forbidden, visited, offenders);
        if (type.IsGenericType)
            foreach (var arg in type.GetGenericArguments()) Walk(arg, $"{path}<{arg.Name}>", forbidden, visited, offenders);
        if (!IsOurs(type)) return;

        const BindingFlags all = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        for (var t = type; t is not null && IsOurs(t); t = t.BaseType)
        {
            foreach (var f in t.GetFields(all)) Walk(f.FieldType, $"{path}.{f.Name}", forbidden, visited, offenders);
            foreach (var p in t.GetProperties(all)) Walk(p.PropertyType, $"{path}.{p.Name}", forbidden, visited, offenders);
        }
        // A field of an abstract type (Expr, Ix, Cond) can hold any of its subtypes.
        if (type.IsAbstract || type.IsInterface)
            foreach (var sub in type.Assembly.GetTypes().Where(t => t != type && type.IsAssignableFrom(t)))
                Walk(sub, $"{path}:{sub.Name}", forbidden, visited, offenders);
    }

    private static bool IsOurs(Type t) => t.Assembly.GetName().Name!.StartsWith("LossGen");
}
