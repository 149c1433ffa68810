using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Reports;

public static class LossNames
{
    public static string Short(LossKind loss) => loss switch
    {
        LossKind.MeanSquaredError => "mse",
        LossKind.HalfSquaredError => "½ squared error",
        LossKind.BinaryCrossEntropy => "bce",
        LossKind.SoftmaxCrossEntropy => "softmax ce",
        _ => loss.ToString(),
    };
}
