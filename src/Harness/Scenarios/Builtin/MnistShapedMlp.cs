using BackpropParity.Harness.Data;

namespace BackpropParity.Harness.Scenarios.Builtin;

/// <summary>
/// The shape of an MNIST classifier without the download: a batch of 128 "images" of 28 × 28 = 784 pixels in [0, 1),
/// ten classes, and a 784-h-h-10 ReLU network trained with softmax cross-entropy (SGD lr 0.1, 5 steps). The catalog's
/// scenario has h = 64 (its fixtures stay a few MB); the benchmarks, and a parity test, use the classic h = 256.
/// Each class has a random prototype image; a sample is 0.6·its class's prototype + 0.4·uniform noise, so the task is
/// learnable and the loss falls. Weights and biases start as torch.nn.Linear's do, uniform in ±1/√in. Everything is
/// drawn from the project's seeded generator (SplitMix64, seed 784). With h = 256 a step is about 156 MFLOP: the
/// matrix kernels at full size, with every depth, row and column block in play.
/// </summary>
public static class MnistShapedMlp
{
    public const int Batch = 128, Pixels = 784, Classes = 10, CatalogHidden = 64, BenchmarkHidden = 256;

    public static Scenario Create(DType dtype) => Create(dtype, CatalogHidden);

    public static Scenario Create(DType dtype, int hidden)
    {
        var random = new SplitMix64(784);
        double[] Uniform(int count, double low, double high) =>
            Enumerable.Range(0, count).Select(_ => low + (high - low) * random.NextDouble()).ToArray();

        double[][] prototypes = Enumerable.Range(0, Classes).Select(_ => Uniform(Pixels, 0, 1)).ToArray();
        var labels = new double[Batch];
        var images = new double[Batch * Pixels];
        for (int b = 0; b < Batch; b++)
        {
            int label = (int)(random.NextDouble() * Classes);
            labels[b] = label;
            for (int p = 0; p < Pixels; p++) images[b * Pixels + p] = 0.6 * prototypes[label][p] + 0.4 * random.NextDouble();
        }

        NamedTensor[] Linear(string name, int inFeatures, int outFeatures)
        {
            double bound = 1 / Math.Sqrt(inFeatures);
            return
            [
                NamedTensor.Create($"{name}.weight", [outFeatures, inFeatures], Uniform(outFeatures * inFeatures, -bound, bound)),
                NamedTensor.Create($"{name}.bias", [outFeatures], Uniform(outFeatures, -bound, bound)),
            ];
        }

        return new Scenario(
            new ScenarioSpec(hidden == CatalogHidden ? $"mnist-shaped-mlp-{dtype.Name()}" : $"mnist-shaped-mlp-{hidden}-{dtype.Name()}",
                $"128 synthetic 28x28 images in 10 classes, 784-{hidden}-{hidden}-10 ReLU network, softmax cross-entropy, SGD lr 0.1, 5 steps",
                dtype,
                [
                    LayerSpec.Linear("fc1", Pixels, hidden), LayerSpec.ReLU("relu1"),
                    LayerSpec.Linear("fc2", hidden, hidden), LayerSpec.ReLU("relu2"),
                    LayerSpec.Linear("fc3", hidden, Classes),
                ],
                LossKind.SoftmaxCrossEntropy, OptimizerSpec.Sgd(0.1), Steps: 5),
            NamedTensor.Create("inputs", [Batch, Pixels], images),
            NamedTensor.Create("targets", [Batch, 1], labels),
            [.. Linear("fc1", Pixels, hidden), .. Linear("fc2", hidden, hidden), .. Linear("fc3", hidden, Classes)]);
    }
}
