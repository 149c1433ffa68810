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
