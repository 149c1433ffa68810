using BackpropParity.Harness.Scenarios;
using System.Security.Cryptography;
using BackpropParity.Harness.Data;

namespace BackpropParity.Harness.Tests.Data;

/// <summary>
/// The NumPy-compatible generator against values printed by real NumPy 1.24 (pinned here, so no Python is needed):
/// <c>np.random.seed(42); np.random.randn(3)</c>, <c>RandomState(42).random_sample(2)</c>, and the lesson's spiral.
/// </summary>
public sealed class NumPyRandomStateTests
{
    [Test]
    public void Randn_AfterSeed42_EqualsNumPy() =>
        Assert.That(new NumPyRandomState(42).Randn(3), Is.EqualTo(new[] { 0.4967141530112327, -0.13826430117118466, 0.6476885381006925 }));

    [Test]
    public void RandomSample_AfterSeed42_EqualsNumPy()
    {
        var random = new NumPyRandomState(42);

        Assert.That(new[] { random.RandomSample(), random.RandomSample() }, Is.EqualTo(new[] { 0.3745401188473625, 0.9507143064099162 }));
    }

    [Test]
    public void Linspace_EqualsNumPy()
    {
        Assert.That(NumPyFunctions.Linspace(0, 1, 100)[..4], Is.EqualTo(new[] { 0.0, 0.010101010101010102, 0.020202020202020204, 0.030303030303030304 }));
        Assert.That(NumPyFunctions.Linspace(4, 8, 100)[37], Is.EqualTo(5.494949494949495));
        Assert.That(NumPyFunctions.Linspace(4, 8, 100)[^1], Is.EqualTo(8.0));
    }

    /// <summary>
    /// All 448 numbers of the lesson's draw (X, then W1, then W2, row-major, little-endian float64) hash to what
    /// NumPy's do. NumPy's portable path computes sin and cos with the C library, as .NET does; on CPUs with
    /// AVX-512 NumPy 1.22+ dispatches to its own vectorised sin/cos instead, which differ from the C library's by up
    /// to 4 ulps (2.2e-16 here) in about half of the points, so NumPy's own spiral is not the same on every machine.
    /// The weights come from the generator alone and match on every machine.
    /// </summary>
    [Test]
    public void LessonSpiral_EqualsNumPyBitForBit()
    {
        // The scenario holds PyTorch's fc1.weight [16, 2]; NumPy drew W1 as [2, 16] (X @ W1): turn it back.
        var scenario = ScenarioCatalog.Get("spiral-lesson-float64");
        var inputs = scenario.Inputs;
        double[] w1 = scenario.InitialParameters.Single(p => p.Name == "fc1.weight").Transposed().Values;
        double[] w2 = scenario.InitialParameters.Single(p => p.Name == "fc2.weight").Values;
        double[] all = [.. inputs.Values, .. w1, .. w2];

        byte[] bytes = new byte[all.Length * 8];
        for (int i = 0; i < all.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(8 * i), all[i]);

        Assert.That(Convert.ToHexStringLower(SHA256.HashData(bytes)), Is.EqualTo("929a1c4d5966c3403cb880cabce0cd3d16599abdf7a9e17b763cd55ea4297d9f"));
        Assert.That(inputs.Values[2], Is.EqualTo(0.00012879630940773265));
        Assert.That(w1[0], Is.EqualTo(0.17889368017414164));
        Assert.That(w2[^1], Is.EqualTo(-0.32666461628685595));
    }
}
