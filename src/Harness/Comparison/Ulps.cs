using System.Numerics;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Comparison;

/// <summary>
/// Distance in units in the last place: how many representable numbers of the run's dtype lie between two
/// values. 0 is bit-identical, 1 is adjacent. A float32 run is measured in float32 ulps.
/// </summary>
public static class Ulps
{
    /// <summary>The ulp distance, or <see cref="long.MaxValue"/> when either value is NaN or it does not fit.</summary>
    public static long Distance(double a, double b, DType dtype)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return long.MaxValue;
        if (a == b) return 0;   // also +0 vs −0
        if (dtype == DType.Float32) return Math.Abs((long)Ordered((float)a) - Ordered((float)b));

        long x = Ordered(a), y = Ordered(b);
        long difference = unchecked(x - y);
        bool overflowed = ((x ^ y) & (x ^ difference)) < 0;
        return overflowed || difference == long.MinValue ? long.MaxValue : Math.Abs(difference);
    }

    /// <summary>
    /// The largest <see cref="Distance"/> over two same-length arrays (<see cref="long.MaxValue"/> if any pair has a
    /// NaN), a register at a time: the comparer's per-element work would otherwise be mostly this.
    /// </summary>
    public static long MaxDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, DType dtype)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Ulps.MaxDistance: {a.Length} values against {b.Length}.");
        long max = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int step = 2 * Vector<double>.Count;
            var maxes = Vector<long>.Zero;
            for (; i <= a.Length - step; i += step)
            {
                Vector<double> a0 = new(a[i..]), a1 = new(a[(i + Vector<double>.Count)..]);
                Vector<double> b0 = new(b[i..]), b1 = new(b[(i + Vector<double>.Count)..]);
                if (dtype == DType.Float32)
                {
                    Vector<int> x = Ordered(Vector.AsVectorInt32(Vector.Narrow(a0, a1))), y = Ordered(Vector.AsVectorInt32(Vector.Narrow(b0, b1)));
                    Vector.Widen(x, out Vector<long> xLow, out Vector<long> xHigh);
                    Vector.Widen(y, out Vector<long> yLow, out Vector<long> yHigh);
                    maxes = Vector.Max(maxes, Vector.Max(Absolute(xLow - yLow), Absolute(xHigh - yHigh)));
                }
                else
                {
                    maxes = Vector.Max(maxes, Vector.Max(Distance64(a0, b0), Distance64(a1, b1)));
                }
                // NaN on either side: the distance is undefined, report it as the largest.
                if (!Vector.EqualsAll(a0, a0) || !Vector.EqualsAll(a1, a1) || !Vector.EqualsAll(b0, b0) || !Vector.EqualsAll(b1, b1))
                    return long.MaxValue;
            }
            for (int lane = 0; lane < Vector<long>.Count; lane++) max = Math.Max(max, maxes[lane]);
        }
        for (; i < a.Length; i++) max = Math.Max(max, Distance(a[i], b[i], dtype));
        return max;
    }

    // |x − y| on the ordered line, or long.MaxValue where the subtraction overflows.
    private static Vector<long> Distance64(Vector<double> a, Vector<double> b)
    {
        Vector<long> x = Ordered(Vector.AsVectorInt64(a)), y = Ordered(Vector.AsVectorInt64(b));
        Vector<long> difference = x - y;
        Vector<long> overflowed = Vector.LessThan((x ^ y) & (x ^ difference), Vector<long>.Zero) | Vector.Equals(difference, new Vector<long>(long.MinValue));
        return Vector.ConditionalSelect(overflowed, new Vector<long>(long.MaxValue), Absolute(difference));
    }

    private static Vector<long> Absolute(Vector<long> value)
    {
        Vector<long> sign = Vector.ShiftRightArithmetic(value, 63);
        return (value ^ sign) - sign;
    }

    private static Vector<long> Ordered(Vector<long> bits)
    {
        Vector<long> sign = Vector.ShiftRightArithmetic(bits, 63);
        return ((bits & new Vector<long>(long.MaxValue)) ^ sign) - sign;
    }

    private static Vector<int> Ordered(Vector<int> bits)
    {
        Vector<int> sign = Vector.ShiftRightArithmetic(bits, 31);
        return ((bits & new Vector<int>(int.MaxValue)) ^ sign) - sign;
    }

    // Maps IEEE bits onto a line where adjacent floats are adjacent integers: sign and magnitude become a signed
    // integer, −magnitude for negatives (so −0 and +0 both land on 0). Branch-free: (m ⊕ s) − s negates m when s = −1.
    private static long Ordered(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value), sign = bits >> 63;
        return ((bits & long.MaxValue) ^ sign) - sign;
    }

    private static int Ordered(float value)
    {
        int bits = BitConverter.SingleToInt32Bits(value), sign = bits >> 31;
        return ((bits & int.MaxValue) ^ sign) - sign;
    }
}
