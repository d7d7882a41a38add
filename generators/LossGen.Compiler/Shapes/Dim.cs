using System;

namespace LossGen.Compiler.Shapes;

/// <summary>
/// One dimension of a shape: a size known at compile time, or a symbolic name ("N", "D") whose
/// size is only known at run time. A value type with value equality so shapes built from it
/// compare by content and can flow through the incremental pipeline.
/// </summary>
internal readonly record struct Dim
{
    private Dim(int size, string? name)
    {
        Size = size;
        Name = name;
    }

    /// <summary>The known size; meaningless when <see cref="IsSymbolic"/>.</summary>
    public int Size { get; }

    /// <summary>The symbolic name, or null for a known size.</summary>
    public string? Name { get; }

    public bool IsSymbolic => Name is not null;

    /// <summary>Only a known 1 broadcasts: a symbol might be 1 at run time, but the DSL treats
    /// it as a real extent so a shape mistake is reported instead of silently broadcasting.</summary>
    public bool IsOne => Name is null && Size == 1;

    // A negative extent is a bug in the caller, not a user shape error, so it throws here
    // rather than becoming an error value.
    public static Dim Known(int size) =>
        size >= 0 ? new Dim(size, null) : throw new ArgumentOutOfRangeException(nameof(size));

    public static Dim Symbol(string name) =>
        string.IsNullOrEmpty(name) ? throw new ArgumentException("A symbolic dimension needs a name.", nameof(name)) : new Dim(0, name);

    public static implicit operator Dim(int size) => Known(size);

    public static implicit operator Dim(string name) => Symbol(name);

    public override string ToString() => Name ?? Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
