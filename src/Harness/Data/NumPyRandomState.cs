namespace BackpropParity.Harness.Data;

/// <summary>
/// NumPy's legacy generator, <c>np.random.seed(s)</c> / <c>np.random.RandomState(s)</c>, reproduced so the lessons'
/// data and initial weights can be rebuilt exactly without Python:
/// <list type="bullet">
/// <item>the 32-bit Mersenne Twister MT19937 (Matsumoto and Nishimura 1998), seeded from an integer by
/// <c>init_genrand</c>;</item>
/// <item><see cref="RandomSample"/>: a double in [0, 1) from two 32-bit draws, (a·2²⁶ + b) / 2⁵³ with a = x₁ ≫ 5,
/// b = x₂ ≫ 6 (<c>random_sample</c>, <c>rand</c>);</item>
/// <item><see cref="StandardNormal"/>: the polar (Marsaglia) method, which makes two normals per accepted pair,
/// returns f·x₂ and keeps f·x₁ for the next call (<c>legacy_gauss</c>, behind <c>randn</c>).</item>
/// </list>
/// Checked bit for bit against NumPy 1.24 (see the tests, which pin the values).
/// </summary>
public sealed class NumPyRandomState
{
    private const int N = 624, M = 397;
    private const uint MatrixA = 0x9908b0df, UpperMask = 0x80000000, LowerMask = 0x7fffffff;

    private readonly uint[] _state = new uint[N];
    private int _index;
    private double? _cachedGauss;

    public NumPyRandomState(uint seed)
    {
        // init_genrand: mt[i] = 1812433253 · (mt[i−1] ⊕ (mt[i−1] ≫ 30)) + i  (mod 2³²)
        _state[0] = seed;
        for (int i = 1; i < N; i++)
            _state[i] = unchecked(1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i);
        _index = N;
    }

    /// <summary>The next 32-bit output: regenerate the block of 624 when used up, then temper.</summary>
    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        uint y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits: <c>random_sample()</c>.</summary>
    public double RandomSample()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>A standard normal: <c>randn()</c>.</summary>
    public double StandardNormal()
    {
        if (_cachedGauss is double cached)
        {
            _cachedGauss = null;
            return cached;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * RandomSample() - 1.0;
            x2 = 2.0 * RandomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _cachedGauss = f * x1;
        return f * x2;
    }

    /// <summary><c>randn(count)</c>: that many standard normals, in order.</summary>
    public double[] Randn(int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = StandardNormal();
        return values;
    }

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_state[i] & UpperMask) | (_state[(i + 1) % N] & LowerMask);
            _state[i] = _state[(i + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0);
        }
        _index = 0;
    }
}
