using System;
using System.Linq;

namespace LossGen.Compiler.Model;

/// <summary>
/// The members LossGen declares inside a declaration's struct, by the names the emitters give them
/// (DeclarationEmitter, ContractionStepsEmitter and PenaltyEmitter for losses and regularizers,
/// OptimizerEmitter and OptimizerAdapterEmitter for optimizers, ObjectiveEmitter for a loss over rows). C# forbids a member named like its enclosing type (CS0542),
/// so a declaration with one of these names is refused up front (LG0012) instead of getting a
/// generated part that does not compile. A test generates every kind and checks that each member
/// it declares is covered here.
/// </summary>
internal static class GeneratedMembers
{
    private static readonly string[] LossMembers = { "Value", "ValueAndGradient", "ValueAndGradientOfRows", "Validate", "Objective" };
    private static readonly string[] RegularizerMembers = { "Value", "ValueAndGradient", "Validate", "Penalty" };
    private static readonly string[] OptimizerMembers = { "Step", "Validate", "StateBuffers", "Optimizer" };

    // Kernels and the methods outlined from them are named after the kernel (ValueKernelRowBlocks).
    private static readonly string[] LossKernelPrefixes = { "ValueKernel", "ValueAndGradientKernel" };
    private static readonly string[] OptimizerKernelPrefixes = { "StepKernel" };

    /// <summary>The generated member a loss or regularizer named <paramref name="typeName"/> would collide with, or null.</summary>
    public static string? CollisionFor(string typeName, DeclarationKind kind) =>
        Collision(typeName, kind == DeclarationKind.Regularizer ? RegularizerMembers : LossMembers, LossKernelPrefixes);

    /// <summary>The generated member an optimizer named <paramref name="typeName"/> would collide with, or null.</summary>
    public static string? OptimizerCollisionFor(string typeName) => Collision(typeName, OptimizerMembers, OptimizerKernelPrefixes);

    private static string? Collision(string typeName, string[] members, string[] kernelPrefixes)
    {
        if (members.Contains(typeName, StringComparer.Ordinal)) return typeName;
        var prefix = kernelPrefixes.FirstOrDefault(p => typeName.StartsWith(p, StringComparison.Ordinal));
        return prefix is null ? null : $"{prefix} and the methods outlined from it";
    }
}
