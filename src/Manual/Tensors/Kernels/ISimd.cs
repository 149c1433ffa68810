using System.Numerics;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>
/// The few vector operations the matrix-multiply micro-kernel needs, for one register width. The kernel is written
/// once against this interface; the JIT compiles a separate copy for each width (the implementations are structs),
/// so every call below becomes a single instruction.
/// </summary>
internal interface ISimd<T, TVector> where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct
{
    /// <summary>How many T one register holds.</summary>
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Broadcast(T value);

    static abstract TVector Load(ref readonly T source);

    static abstract void Store(TVector value, ref T destination);

    static abstract TVector Add(TVector a, TVector b);

    /// <summary>a·b + c, rounded once where the CPU has fused multiply-add.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);
}
