using System.Numerics;
using System.Runtime.Intrinsics;

namespace BackpropParity.Manual.Tensors.Kernels;

public static class SimdWidths
{
    /// <summary>The widest width whose vectors the JIT maps to hardware registers here.</summary>
    public static SimdWidth Widest =>
        Vector512.IsHardwareAccelerated ? SimdWidth.Bits512 :
        Vector256.IsHardwareAccelerated ? SimdWidth.Bits256 : SimdWidth.Bits128;

    /// <summary>Every width this CPU runs in hardware, narrowest first (the kernel tests try each).</summary>
    public static IReadOnlyList<SimdWidth> Supported =>
        [.. new[] { SimdWidth.Bits128, SimdWidth.Bits256, SimdWidth.Bits512 }.Where(w => w <= Widest)];
}
