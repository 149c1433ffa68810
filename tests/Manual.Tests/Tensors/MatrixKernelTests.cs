using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Tests.Tensors;

/// <summary>The kernels against naive triple loops written from the definitions, on awkward shapes.</summary>
public sealed class MatrixKernelTests
{
    private static readonly (int M, int K, int N)[] Shapes = [(1, 1, 1), (1, 7, 1), (5, 1, 3), (3, 4, 2), (17, 9, 13)];

    private static Matrix<double> Values(int rows, int cols, int seed) => FiniteDifferences.Values(rows, cols, seed);

    [TestCaseSource(nameof(Shapes))]
    public void MatMul_EqualsTheDefinition((int M, int K, int N) shape)
    {
        var a = Values(shape.M, shape.K, 1);
        var b = Values(shape.K, shape.N, 2);
        var result = new Matrix<double>(shape.M, shape.N);

        MatrixKernels.MatMul(a, b, result);

        for (int i = 0; i < shape.M; i++)
            for (int j = 0; j < shape.N; j++)
                Assert.That(result[i, j], Is.EqualTo(Enumerable.Range(0, shape.K).Sum(k => a[i, k] * b[k, j])).Within(1e-12));
    }

    [TestCaseSource(nameof(Shapes))]
    public void MatMulTransposeB_EqualsTheDefinition((int M, int K, int N) shape)
    {
        var a = Values(shape.M, shape.K, 3);
        var b = Values(shape.N, shape.K, 4);
        var result = new Matrix<double>(shape.M, shape.N);

        MatrixKernels.MatMulTransposeB(a, b, result);

        for (int i = 0; i < shape.M; i++)
            for (int j = 0; j < shape.N; j++)
                Assert.That(result[i, j], Is.EqualTo(Enumerable.Range(0, shape.K).Sum(k => a[i, k] * b[j, k])).Within(1e-12));
    }

    [TestCaseSource(nameof(Shapes))]
    public void AddMatMulTransposeA_AddsTheDefinitionToWhatIsThere((int M, int K, int N) shape)
    {
        var a = Values(shape.K, shape.M, 5);
        var b = Values(shape.K, shape.N, 6);
        var result = new Matrix<double>(shape.M, shape.N);
        Array.Fill(result.Data, 1.0);

        MatrixKernels.AddMatMulTransposeA(a, b, result);

        for (int i = 0; i < shape.M; i++)
            for (int j = 0; j < shape.N; j++)
                Assert.That(result[i, j], Is.EqualTo(1.0 + Enumerable.Range(0, shape.K).Sum(k => a[k, i] * b[k, j])).Within(1e-12));
    }

    [Test]
    public void AddColumnSums_SumsOverTheBatch()
    {
        var a = new Matrix<double>(3, 2, [1, 2, 3, 4, 5, 6]);
        var sums = new Matrix<double>(1, 2, [100, 200]);

        MatrixKernels.AddColumnSums(a, sums);

        Assert.That(sums.Data, Is.EqualTo(new double[] { 109, 212 }));
    }

    [Test]
    public void MatMulTransposeA_AndColumnSums_OverwriteWhatWasThere()
    {
        var a = new Matrix<double>(3, 2, [1, 2, 3, 4, 5, 6]);
        var b = new Matrix<double>(3, 1, [1, -1, 2]);
        var product = new Matrix<double>(2, 1, [100, 200]);
        var sums = new Matrix<double>(1, 2, [100, 200]);

        MatrixKernels.MatMulTransposeA(a, b, product);
        MatrixKernels.ColumnSums(a, sums);

        Assert.That(product.Data, Is.EqualTo(new double[] { 1 - 3 + 10, 2 - 4 + 12 }));
        Assert.That(sums.Data, Is.EqualTo(new double[] { 9, 12 }));
    }

    // Widths that take four registers of columns at a time, one register, and single columns, in float and double:
    // each sum must be the batch-order sum, bit for bit, added to what was there.
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(16)]
    [TestCase(37)]
    [TestCase(70)]
    public void AddColumnSums_AddsEachColumnInBatchOrder_BitForBit(int cols)
    {
        ColumnSumsInBatchOrder<double>(cols);
        ColumnSumsInBatchOrder<float>(cols);
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(16)]
    [TestCase(37)]
    [TestCase(70)]
    public void AddRowToEachRow_AddsTheRowToEveryRow(int cols)
    {
        RowAddedToEachRow<double>(cols);
        RowAddedToEachRow<float>(cols);
    }

    private static void RowAddedToEachRow<T>(int cols) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const int rows = 7;
        var matrix = TestMatrices.Random<T>(rows, cols, seed: cols);
        var row = TestMatrices.Random<T>(1, cols, seed: cols + 1);
        var expected = new T[matrix.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) expected[i * cols + j] = matrix[i, j] + row.Data[j];

        MatrixKernels.AddRowToEachRow(matrix, row);

        Assert.That(matrix.Data, Is.EqualTo(expected), $"{typeof(T).Name}, {cols} columns");
    }

    private static void ColumnSumsInBatchOrder<T>(int cols) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const int rows = 200;
        var a = TestMatrices.Random<T>(rows, cols, seed: cols);
        var sums = new Matrix<T>(1, cols);
        for (int j = 0; j < cols; j++) sums.Data[j] = T.CreateChecked(j * 0.1);
        var expected = new T[cols];
        for (int j = 0; j < cols; j++)
        {
            T sum = sums.Data[j];
            for (int i = 0; i < rows; i++) sum += a[i, j];
            expected[j] = sum;
        }

        MatrixKernels.AddColumnSums(a, sums);

        Assert.That(sums.Data, Is.EqualTo(expected), $"{typeof(T).Name}, {cols} columns");
    }

    [Test]
    public void MatMul_WithMismatchedShapes_FailsNamingTheShapes()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            MatrixKernels.MatMul(new Matrix<double>(2, 3), new Matrix<double>(4, 2), new Matrix<double>(2, 2)));
        Assert.That(error!.Message, Does.Contain("[3, 2]").And.Contain("[4, 2]"));
    }

    [Test]
    public void Matrix_FromDoublesInFloat32_RoundsToNearest()
    {
        var matrix = Matrix<float>.FromDoubles(1, 1, [0.1]);

        Assert.That(matrix.Data[0], Is.EqualTo((float)0.1));
    }
}
