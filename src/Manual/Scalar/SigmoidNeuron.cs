namespace BackpropParity.Manual.Scalar;

/// <summary>
/// Lesson 8's neuron: z = w·x + b, a = σ(z), L = (a − y)², with its audit: nudge w by eps, re-run the forward
/// pass, and measure (L(w + eps) − L(w)) / eps.
/// </summary>
public static class SigmoidNeuron
{
    public static ChainRuleResult Evaluate(double x, double y, double w, double b, double nudge)
    {
        // forward pass: left to right
        double z = w * x + b;
        double a = Sigmoid(z);
        double loss = (a - y) * (a - y);

        // backward pass: three local slopes, multiplied along the chain
        double dL_da = 2 * (a - y);
        double da_dz = a * (1 - a);          // the sigmoid's slope from its own output
        double dz_dw = x, dz_db = 1.0;
        double dL_dz = dL_da * da_dz;
        double dL_dw = dL_da * da_dz * dz_dw;
        double dL_db = dL_da * da_dz * dz_db;

        // trust, but verify: nudge w and re-measure L
        double aNudged = Sigmoid((w + nudge) * x + b);
        double lossNudged = (aNudged - y) * (aNudged - y);
        double measured = (lossNudged - loss) / nudge;

        return new ChainRuleResult([("z", z), ("a", a)], loss, [("a", dL_da), ("z", dL_dz)], [("w", dL_dw), ("b", dL_db)], [("w", measured)]);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
