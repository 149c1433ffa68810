namespace BackpropParity.Manual.Scalar;

/// <summary>
/// One neuron per layer, no squashing, squared-error cost (lesson "Backpropagation and the chain rule"):
/// a1 = w1·a0, a2 = w2·a1, a3 = w3·a2, C = (a3 − y)².
/// </summary>
public static class ThreeWeightChain
{
    public static ChainRuleResult Evaluate(double a0, double w1, double w2, double w3, double y)
    {
        // forward
        double a1 = w1 * a0;
        double a2 = w2 * a1;
        double a3 = w3 * a2;
        double cost = (a3 - y) * (a3 - y);

        // backward: the output's "desire" dC/da3 flows back through each weight
        double dC_da3 = 2 * (a3 - y);
        double dC_da2 = dC_da3 * w3;
        double dC_da1 = dC_da2 * w2;
        double dC_dw3 = dC_da3 * a2;
        double dC_dw2 = dC_da2 * a1;
        double dC_dw1 = dC_da1 * a0;

        return new ChainRuleResult([("a1", a1), ("a2", a2), ("a3", a3)], cost, [("a3", dC_da3), ("a2", dC_da2), ("a1", dC_da1)],
            [("w1", dC_dw1), ("w2", dC_dw2), ("w3", dC_dw3)], []);
    }
}
