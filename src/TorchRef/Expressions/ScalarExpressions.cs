using TorchSharp;
using static TorchSharp.torch;

namespace BackpropParity.TorchRef.Expressions;

/// <summary>
/// The lessons' scalar examples written as a PyTorch user writes them: the forward expression only, in float64
/// tensors with <c>requires_grad</c>; <c>backward()</c> does the chain rule. Numbers enter through <c>Constants</c>, never
/// through C#'s implicit double-to-Scalar conversion (see <see cref="TorchSgd"/> for why).
/// </summary>
public static class ScalarExpressions
{
    /// <summary>L = sin((3x + 2)²).</summary>
    public static AutogradResult SinOfSquaredAffine(double x)
    {
        using var scope = Start();
        using var k = new Constants();
        var xt = Input(x);
        var u = Kept(xt.mul(k[3]).add(k[2]));
        var v = Kept(u.pow(k[2]));
        var loss = v.sin();
        loss.backward();
        return new AutogradResult([("u", Value(u)), ("v", Value(v))], Value(loss), [("v", Grad(v)), ("u", Grad(u))], [("x", Grad(xt))], []);
    }

    /// <summary>L = (a·b + c)·d.</summary>
    public static AutogradResult ProductSumGraph(double a, double b, double c, double d)
    {
        using var scope = Start();
        var (at, bt, ct, dt) = (Input(a), Input(b), Input(c), Input(d));
        var e = Kept(at * bt);
        var f = Kept(e + ct);
        var loss = f * dt;
        loss.backward();
        return new AutogradResult([("e", Value(e)), ("f", Value(f))], Value(loss), [("f", Grad(f)), ("e", Grad(e))],
            [("a", Grad(at)), ("b", Grad(bt)), ("c", Grad(ct)), ("d", Grad(dt))], []);
    }

    /// <summary>C = (w3·(w2·(w1·a0)) − y)².</summary>
    public static AutogradResult ThreeWeightChain(double a0, double w1, double w2, double w3, double y)
    {
        using var scope = Start();
        using var k = new Constants();
        var (w1t, w2t, w3t) = (Input(w1), Input(w2), Input(w3));
        var a1 = Kept(w1t.mul(k[a0]));
        var a2 = Kept(w2t * a1);
        var a3 = Kept(w3t * a2);
        var cost = a3.sub(k[y]).pow(k[2]);
        cost.backward();
        return new AutogradResult([("a1", Value(a1)), ("a2", Value(a2)), ("a3", Value(a3))], Value(cost),
            [("a3", Grad(a3)), ("a2", Grad(a2)), ("a1", Grad(a1))], [("w1", Grad(w1t)), ("w2", Grad(w2t)), ("w3", Grad(w3t))], []);
    }

    /// <summary>L = (σ(w·x + b) − y)², and (L(w + nudge) − L(w)) / nudge evaluated by torch too.</summary>
    public static AutogradResult SigmoidNeuron(double x, double y, double w, double b, double nudge)
    {
        using var scope = Start();
        using var k = new Constants();
        var (wt, bt) = (Input(w), Input(b));
        var z = Kept(wt.mul(k[x]) + bt);
        var a = Kept(z.sigmoid());
        var loss = a.sub(k[y]).pow(k[2]);
        loss.backward();
        double nudged;
        using (no_grad())
        {
            nudged = Value((wt.add(k[nudge]).mul(k[x]) + bt).sigmoid().sub(k[y]).pow(k[2]));
        }
        return new AutogradResult([("z", Value(z)), ("a", Value(a))], Value(loss), [("a", Grad(a)), ("z", Grad(z))],
            [("w", Grad(wt)), ("b", Grad(bt))], [("w", (nudged - Value(loss)) / nudge)]);
    }

    /// <summary>
    /// The Scalars an expression uses, each made on first use and all disposed together when the expression is done,
    /// so none can be finalized while libtorch reads it.
    /// </summary>
    private sealed class Constants : IDisposable
    {
        private readonly List<Scalar> _made = [];

        public Scalar this[double value]
        {
            get
            {
                Scalar scalar = value.ToScalar();
                _made.Add(scalar);
                return scalar;
            }
        }

        public void Dispose()
        {
            foreach (var scalar in _made) scalar.Dispose();
        }
    }

    private static IDisposable Start()
    {
        TorchRuntime.EnsureLoaded();
        return NewDisposeScope();
    }

    private static Tensor Input(double value) => tensor(value, dtype: ScalarType.Float64, requires_grad: true);

    private static Tensor Kept(Tensor intermediate)
    {
        intermediate.retain_grad();
        return intermediate;
    }

    private static double Value(Tensor t) => t.item<double>();

    private static double Grad(Tensor t) => (t.grad ?? throw new InvalidOperationException("autograd left no gradient")).item<double>();
}
