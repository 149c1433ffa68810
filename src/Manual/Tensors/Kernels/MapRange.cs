using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>y[i] = f(x[i]) over a range, a register at a time.</summary>
internal readonly struct MapRange<T, TFunction>(T[] x, T[] y, TFunction f) : IElementRange
    where T : unmanaged, IFloatingPointIeee754<T> where TFunction : struct, IUnaryFunction<T>
{
    public void Run(int start, int end)
    {
        if (start < 0 || end > x.Length || end > y.Length) throw new ArgumentOutOfRangeException(nameof(start), $"The range [{start}, {end}) is outside the operands.");
        ref T input = ref MemoryMarshal.GetArrayDataReference(x);
        ref T output = ref MemoryMarshal.GetArrayDataReference(y);
        TFunction function = f;
        nint i = start;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= end - Vector<T>.Count; i += Vector<T>.Count)
                function.Apply(Vector.LoadUnsafe(ref input, (nuint)i)).StoreUnsafe(ref output, (nuint)i);
        }
        for (; i < end; i++) Unsafe.Add(ref output, i) = function.Apply(Unsafe.Add(ref input, i));
    }
}
