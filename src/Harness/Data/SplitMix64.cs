namespace BackpropParity.Harness.Data;

/// <summary>
/// A small, fully specified pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014), used only to
/// *build* scenario data and initial parameters once. Runs never draw random numbers: both sides load the
/// values the scenario holds. Same seed, same numbers, on every machine.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;
    private double? _spareNormal;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal by the Box–Muller transform; the second value of each pair is kept for the next call.</summary>
    public double NextNormal()
    {
        if (_spareNormal is double spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u1 = 1.0 - NextDouble();   // (0, 1], so the log is finite
        double u2 = NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = radius * Math.Sin(2.0 * Math.PI * u2);
        return radius * Math.Cos(2.0 * Math.PI * u2);
    }
}
