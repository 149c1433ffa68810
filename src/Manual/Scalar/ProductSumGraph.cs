namespace BackpropParity.Manual.Scalar;

/// <summary>L = (a·b + c)·d, the lesson "Backpropagation"'s computation graph: e = a·b, f = e + c, L = f·d.</summary>
public static class ProductSumGraph
{
    public static ChainRuleResult Evaluate(double a, double b, double c, double d)
    {
        // forward
        double e = a * b;
        double f = e + c;
        double loss = f * d;

        // backward from dL/dL = 1
        double dL_df = d;            // L = f·d
        double dL_dd = f;
        double dL_de = dL_df * 1;    // f = e + c: a sum passes the gradient through unchanged
        double dL_dc = dL_df * 1;
        double dL_da = dL_de * b;    // e = a·b: each factor's slope is the other factor
        double dL_db = dL_de * a;

        return new ChainRuleResult([("e", e), ("f", f)], loss, [("f", dL_df), ("e", dL_de)],
            [("a", dL_da), ("b", dL_db), ("c", dL_dc), ("d", dL_dd)], []);
    }
}
