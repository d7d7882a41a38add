// netstandard2.0 lacks the marker type the compiler needs for records and init accessors.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}

// netstandard2.0 lacks the marker the compiler needs for interpolated string handlers (Lowering/CodeBuilder).
namespace System.Runtime.CompilerServices
{
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    internal sealed class InterpolatedStringHandlerAttribute : Attribute { }
}
