using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Passes;

/// <summary>A tensor parameter with every dimension named (declared or inferred).</summary>
internal sealed record TensorShape(string Name, ParamKind Kind, EquatableArray<string> Dims);

/// <summary>Labels and the class dimension their values index (validated to lie in [0, extent)).</summary>
internal sealed record LabelBinding(string Labels, string ClassDim);

/// <summary>
/// The output of the Shapes pass: the body with every reduction's dimension filled in, the shape
/// of every tensor parameter, and the symbolic dimensions in the order the generated API takes
/// them.
/// </summary>
internal sealed record ShapedDeclaration(
    DeclarationModel Model,
    Expr Body,
    EquatableArray<TensorShape> Tensors,
    EquatableArray<string> Dims,
    EquatableArray<LabelBinding> Labels);
