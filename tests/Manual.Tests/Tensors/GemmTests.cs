using System.Numerics;
using BackpropParity.Manual.Tensors;
using BackpropParity.Manual.Tensors.Kernels;
using static BackpropParity.Manual.Tests.Tensors.TestMatrices;

namespace BackpropParity.Manual.Tests.Tensors;

/// <summary>
/// The blocked matrix multiply against a plain triple loop summed in double, for every register width this CPU runs,
/// float and double, every transposition the layers use, and shapes chosen to hit each edge: one row, one column,
/// sizes that are not a multiple of a tile or a vector, and sizes that cross the depth, row and column blocks.
/// </summary>
public sealed class GemmTests
{
    private static readonly (int M, int K, int N)[] Shapes =
    [
        (1, 1, 1), (1, 300, 1), (1, 1, 70), (7, 1, 5), (6, 256, 32), (13, 37, 19), (200, 2, 16), (200, 16, 1),
        (1, 200, 16), (128, 256, 10), (145, 257, 33), (61, 784, 300), (3, 5, 4099),
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        from width in SimdWidths.Supported
        from shape in Shapes
        select new TestCaseData(width, shape.M, shape.K, shape.N).SetName($"{{m}}({width}, m={shape.M}, k={shape.K}, n={shape.N})");

    [TestCaseSource(nameof(Cases))]
    public void Float_AllThreeLayouts_AgreeWithTheDefinition(SimdWidth width, int m, int k, int n) => AllThreeLayouts<float>(width, m, k, n);

    [TestCaseSource(nameof(Cases))]
    public void Double_AllThreeLayouts_AgreeWithTheDefinition(SimdWidth width, int m, int k, int n) => AllThreeLayouts<double>(width, m, k, n);

    // (130, 300, 250): tiles of every width; (130, 300, 10): narrower than a 256- or 512-bit tile, so those widths compute
    // it as Cᵀ = Bᵀ·Aᵀ while 128-bit tiles (8 floats wide) do not: the swap must not change a bit.
    [TestCase(130, 300, 250)]
    [TestCase(130, 300, 10)]
    public void TheResult_IsTheSameBitForBit_ForEveryThreadCountAndWidth(int m, int k, int n)
    {
        var a = Random<float>(m, k, seed: 1);
        var b = Random<float>(k, n, seed: 2);
        float[]? first = null;
        foreach (SimdWidth width in SimdWidths.Supported)
        {
            foreach (int threads in new[] { 1, 2, 3 })
            {
                KernelThreads.Count = Math.Max(KernelThreads.Count, threads);
                var c = new float[m * n];
                Gemm.Multiply(MatrixView<float>.Of(a), MatrixView<float>.Of(b), c, 0, n, accumulate: false, width, threads);
                first ??= c;
                Assert.That(c, Is.EqualTo(first), $"{width}, {threads} threads");
            }
        }
    }

    [Test]
    public void NarrowProducts_AreComputedTransposed_OnlyWhereThatFillsTilesBetter()
    {
        Assert.That(Gemm.TransposeFillsTilesBetter(m: 128, n: 10, mr: 6, nr: 64), Is.True, "[128, 10]: 12 × 128 cells instead of 132 × 64");
        Assert.That(Gemm.TransposeFillsTilesBetter(m: 10, n: 256, mr: 6, nr: 64), Is.False, "already wide");
        Assert.That(Gemm.TransposeFillsTilesBetter(m: 12, n: 10, mr: 6, nr: 64), Is.False, "[12, 10]: 12 × 64 either way");
        Assert.That(Gemm.TransposeFillsTilesBetter(m: 128, n: 256, mr: 6, nr: 64), Is.False, "never for a C as wide as a tile");
    }

    private static IEnumerable<TestCaseData> SmallCases() =>
        from width in SimdWidths.Supported
        from shape in new[] { (200, 2, 16), (200, 16, 1), (1, 200, 16), (16, 200, 2), (7, 3, 5), (1, 1000, 16), (40, 300, 2), (37, 100, 3), (5, 7, 40) }
        select new TestCaseData(width, shape.Item1, shape.Item2, shape.Item3).SetName($"{{m}}({width}, m={shape.Item1}, k={shape.Item2}, n={shape.Item3})");

    [TestCaseSource(nameof(SmallCases))]
    public void SmallProducts_GiveTheBlockedKernelsBits(SimdWidth width, int m, int k, int n)
    {
        Assert.That((long)m * n * k, Is.LessThan(SmallProducts.Threshold), "a shape the small path takes");
        var a = Random<float>(m, k, seed: 21);
        var b = Random<float>(k, n, seed: 22);
        var bTransposed = Random<float>(n, k, seed: 23);
        var aTransposed = Random<float>(k, m, seed: 24);
        (MatrixView<float> A, MatrixView<float> B, string What)[] layouts =
        [
            (MatrixView<float>.Of(a), MatrixView<float>.Of(b), "a·b"),
            (MatrixView<float>.Of(a), MatrixView<float>.Of(bTransposed).Transposed, "a·bᵀ"),
            (MatrixView<float>.Of(aTransposed).Transposed, MatrixView<float>.Of(b), "aᵀ·b"),
        ];
        foreach (var (left, right, what) in layouts)
        {
            foreach (bool accumulate in new[] { false, true })
            {
                var small = Enumerable.Range(0, m * n).Select(i => (float)Math.Sin(i)).ToArray();
                var blocked = (float[])small.Clone();
                SmallProducts.Multiply(left, right, small, 0, n, accumulate, width);
                Gemm.MultiplyPart(left, right, blocked, 0, n, accumulate, width, part: 0, parts: 1);
                Assert.That(small, Is.EqualTo(blocked), $"{what}, accumulate {accumulate}");
            }
        }
    }

    [Test]
    public void ElementWiseKernels_GiveTheSameBits_OnAnyThreadCount()
    {
        var a = Random<double>(301, 333, seed: 31);   // 100,233 values: three ranges, none a multiple of 64
        var b = Random<double>(301, 333, seed: 32);
        double[]? firstZip = null, firstStep = null;
        try
        {
            foreach (int threads in new[] { 1, 2, 3 })
            {
                KernelThreads.Count = threads;
                var zipped = new Matrix<double>(301, 333);
                MatrixKernels.Zip(a, b, zipped, (x, y) => Math.Sin(x) * y + x);
                var stepped = a.Clone();
                MatrixKernels.SubtractScaled(stepped, 0.1, b);
                firstZip ??= zipped.Data;
                firstStep ??= stepped.Data;
                Assert.That(zipped.Data, Is.EqualTo(firstZip), $"zip, {threads} threads");
                Assert.That(stepped.Data, Is.EqualTo(firstStep), $"SGD step, {threads} threads");
                Assert.That(zipped.Data[^1], Is.EqualTo(Math.Sin(a.Data[^1]) * b.Data[^1] + a.Data[^1]), "the last element is computed too");
            }
        }
        finally
        {
            KernelThreads.Count = 1;
        }
    }

    [Test]
    public void Accumulate_AddsToWhatIsThere_AndOverwriteIgnoresIt()
    {
        var a = Random<double>(9, 600, seed: 3);     // 600 is three depth blocks: later blocks always add
        var b = Random<double>(600, 20, seed: 4);
        var overwritten = new double[9 * 20];
        var accumulated = new double[9 * 20];
        Array.Fill(overwritten, double.NaN);
        Array.Fill(accumulated, 1.0);

        Gemm.Multiply(MatrixView<double>.Of(a), MatrixView<double>.Of(b), overwritten, 0, 20, accumulate: false);
        Gemm.Multiply(MatrixView<double>.Of(a), MatrixView<double>.Of(b), accumulated, 0, 20, accumulate: true);

        for (int i = 0; i < overwritten.Length; i++)
            Assert.That(accumulated[i], Is.EqualTo(overwritten[i] + 1.0).Within(1e-12), $"element {i}");
    }

    [Test]
    public void DepthZero_GivesZeros_OrLeavesTheSumAlone()
    {
        var a = new Matrix<float>(3, 0);
        var b = new Matrix<float>(0, 4);
        var c = new Matrix<float>(3, 4);
        Array.Fill(c.Data, 5f);
        MatrixKernels.AddMatMulTransposeA(new Matrix<float>(0, 3), b, c);
        Assert.That(c.Data, Is.All.EqualTo(5f));
        MatrixKernels.MatMul(a, b, c);
        Assert.That(c.Data, Is.All.EqualTo(0f));
    }

    [Test]
    public void AnException_InAWorkerThread_ReachesTheCaller_AndTheThreadsStayUsable()
    {
        KernelThreads.Count = Math.Max(KernelThreads.Count, 2);
        var failing = new FailingWork();
        Assert.That(() => KernelThreads.Run(failing, 2), Throws.InvalidOperationException.With.Message.Contains("part 1"));

        var a = Random<double>(64, 512, seed: 5);
        var b = Random<double>(512, 64, seed: 6);
        var c = new double[64 * 64];
        Gemm.Multiply(MatrixView<double>.Of(a), MatrixView<double>.Of(b), c, 0, 64, accumulate: false, SimdWidths.Widest, threads: 2);
        Assert.That(c[0], Is.EqualTo(Naive(MatrixView<double>.Of(a), MatrixView<double>.Of(b)).Sums[0]).Within(1e-9));
    }

    private sealed class FailingWork : ParallelWork
    {
        public override void RunPart(int part, int parts)
        {
            if (part == 1) throw new InvalidOperationException($"part {part} failed on purpose");
        }
    }

    private static void AllThreeLayouts<T>(SimdWidth width, int m, int k, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Random<T>(m, k, seed: 11);          // a·b
        var b = Random<T>(k, n, seed: 12);
        var bTransposed = Random<T>(n, k, seed: 13); // a·bᵀ
        var aTransposed = Random<T>(k, m, seed: 14); // aᵀ·b, added to what is there

        Check(MatrixView<T>.Of(a), MatrixView<T>.Of(b), accumulate: false, width, "a·b");
        Check(MatrixView<T>.Of(a), MatrixView<T>.Of(bTransposed).Transposed, accumulate: false, width, "a·bᵀ");
        Check(MatrixView<T>.Of(aTransposed).Transposed, MatrixView<T>.Of(b), accumulate: true, width, "aᵀ·b");
    }

    private static void Check<T>(MatrixView<T> a, MatrixView<T> b, bool accumulate, SimdWidth width, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = b.Cols, k = a.Cols;
        var c = new T[m * n];
        var start = new T[m * n];
        for (int i = 0; i < start.Length; i++) start[i] = T.CreateChecked((i % 7) - 3);
        start.CopyTo(c, 0);

        Gemm.Multiply(a, b, c, 0, n, accumulate, width, threads: 1);

        var (expected, magnitudes) = Naive(a, b);
        double unit = typeof(T) == typeof(float) ? Math.Pow(2, -24) : Math.Pow(2, -53);   // unit roundoff of T
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                // Each product and partial sum rounds at most once: |error| ≤ (k + 1)·u·Σ|a·b| (+ the start value's rounding).
                double want = expected[i * n + j] + (accumulate ? double.CreateChecked(start[i * n + j]) : 0);
                double bound = (k + 2) * unit * (magnitudes[i * n + j] + Math.Abs(want));
                Assert.That(double.CreateChecked(c[i * n + j]), Is.EqualTo(want).Within(bound), $"{what} [{i}, {j}] of [{m}, {n}], k={k}");
            }
        }
    }

    /// <summary>Σ_p a[i, p]·b[p, j] and Σ_p |a[i, p]·b[p, j]|, both summed in double.</summary>
    private static (double[] Sums, double[] Magnitudes) Naive<T>(MatrixView<T> a, MatrixView<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sums = new double[a.Rows * b.Cols];
        var magnitudes = new double[a.Rows * b.Cols];
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < b.Cols; j++)
            {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < a.Cols; p++)
                {
                    double product = double.CreateChecked(a[i, p]) * double.CreateChecked(b[p, j]);
                    sum += product;
                    magnitude += Math.Abs(product);
                }
                (sums[i * b.Cols + j], magnitudes[i * b.Cols + j]) = (sum, magnitude);
            }
        return (sums, magnitudes);
    }
}
