using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>y[i] −= α·x[i] over a range (α·x rounded first, as the one-at-a-time loop rounds it).</summary>
internal readonly struct SubtractScaledRange<T>(T[] y, T alpha, T[] x) : IElementRange where T : unmanaged, IFloatingPointIeee754<T>
{
    public void Run(int start, int end)
    {
        if (start < 0 || end > x.Length || end > y.Length) throw new ArgumentOutOfRangeException(nameof(start), $"The range [{start}, {end}) is outside the operands.");
        ref T target = ref MemoryMarshal.GetArrayDataReference(y);
        ref T step = ref MemoryMarshal.GetArrayDataReference(x);
        T scale = alpha;
        nint i = start;
        if (Vector.IsHardwareAccelerated)
        {
            var scales = new Vector<T>(scale);
            for (; i <= end - Vector<T>.Count; i += Vector<T>.Count)
                (Vector.LoadUnsafe(ref target, (nuint)i) - scales * Vector.LoadUnsafe(ref step, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        }
        for (; i < end; i++) Unsafe.Add(ref target, i) -= scale * Unsafe.Add(ref step, i);
    }
}
