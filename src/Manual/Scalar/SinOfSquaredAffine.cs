namespace BackpropParity.Manual.Scalar;

/// <summary>L = sin((3x + 2)²), the lesson "Backpropagation"'s first chain: u = 3x + 2, v = u², L = sin v.</summary>
public static class SinOfSquaredAffine
{
    public static ChainRuleResult Evaluate(double x)
    {
        // forward, left to right
        double u = 3 * x + 2;
        double v = u * u;
        double loss = Math.Sin(v);

        // backward, right to left: each local derivative times the gradient arriving from the right
        double dL_dv = Math.Cos(v);          // d(sin v)/dv = cos v
        double dL_du = dL_dv * (2 * u);      // dv/du = 2u
        double dL_dx = dL_du * 3;            // du/dx = 3

        return new ChainRuleResult([("u", u), ("v", v)], loss, [("v", dL_dv), ("u", dL_du)], [("x", dL_dx)], []);
    }
}
