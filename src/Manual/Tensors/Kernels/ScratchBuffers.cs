using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>One thread's packing and scratch space, grown when a larger problem arrives and then reused.</summary>
internal static class ScratchBuffers<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [ThreadStatic] private static T[]? _a;
    [ThreadStatic] private static T[]? _b;
    [ThreadStatic] private static T[]? _tile;
    [ThreadStatic] private static T[]? _small;
    [ThreadStatic] private static T[]? _copy;

    /// <summary>Packed panels of A.</summary>
    public static Span<T> A(int length) => Grow(ref _a, length);

    /// <summary>Packed panels of B.</summary>
    public static Span<T> B(int length) => Grow(ref _b, length);

    /// <summary>One micro-kernel tile, for the partial tiles at the edges.</summary>
    public static Span<T> Tile(int length) => Grow(ref _tile, length);

    /// <summary>A register's worth of lanes, for the small products.</summary>
    public static Span<T> Small(int length) => Grow(ref _small, length);

    /// <summary>Space for a copied matrix, as the array and the offset a <see cref="MatrixView{T}"/> needs.</summary>
    public static (T[] Array, int Offset) Copy(int length) => GrowAligned(ref _copy, length);

    private static Span<T> Grow(ref T[]? buffer, int length)
    {
        (T[] array, int offset) = GrowAligned(ref buffer, length);
        return array.AsSpan(offset, length);
    }

    // Pinned, so the start can be rounded up to a cache line (64 bytes) once and stay there: a panel row that
    // straddles two lines costs two loads per register.
    private static (T[] Array, int Offset) GrowAligned(ref T[]? buffer, int length)
    {
        int size = Unsafe.SizeOf<T>(), slack = 64 / size;
        if (buffer is null || buffer.Length < length + slack) buffer = GC.AllocateUninitializedArray<T>(length + slack, pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0).ToInt64();
        return (buffer, (int)((64 - address % 64) % 64) / size);
    }
}
