using System.Runtime.Intrinsics;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Bench;

/// <summary>
/// The spiral network's whole training step as one hand-fused loop over 512-bit registers, for scale only: no layers,
/// no kept activations or gradients for anyone to compare, the 16 hidden units in two registers, the sigmoid and BCE
/// gradients folded into (p − y)/N. What this machine does for the step at best; the lessons' layered step cannot be
/// faster. Checked against the hand-written session before it is timed (see <see cref="SpiralStepBenchmarks"/>).
/// <code>
/// forward:  h = relu(x·W1ᵀ + b1)   z = h·w2 + b2   p = σ(z)   L = −mean(y·log p + (1 − y)·log(1 − p))
/// backward: dz = (p − y)/N   dw2 = Σ dz·h   db2 = Σ dz   dh = dz·w2 where h &gt; 0   dW1 = Σ dh ⊗ x   db1 = Σ dh
/// </code>
/// </summary>
public sealed class HandFusedSpiralStep
{
    private const int Hidden = 16;
    private readonly int _count;
    private readonly double[] _x0, _x1, _y;           // inputs by column, targets
    private readonly double[] _z, _dz, _h;            // per-sample logits, their gradients, hidden activations [N, 16]
    private readonly double[] _w0 = new double[Hidden], _w1 = new double[Hidden], _b1 = new double[Hidden], _w2 = new double[Hidden];
    private double _b2;
    private readonly double _learningRate;

    public HandFusedSpiralStep(Scenario scenario)
    {
        _count = scenario.Inputs.Shape[0];
        if (scenario.Inputs.Shape[1] != 2 || _count % Vector512<double>.Count != 0)
            throw new ArgumentException($"{scenario.Spec.Id}: the fused step needs inputs [N, 2] with N a multiple of 8, got {scenario.Inputs.ShapeText}.");
        _x0 = new double[_count];
        _x1 = new double[_count];
        for (int i = 0; i < _count; i++) (_x0[i], _x1[i]) = (scenario.Inputs.Values[2 * i], scenario.Inputs.Values[2 * i + 1]);
        _y = scenario.Targets.Values.ToArray();
        _z = new double[_count];
        _dz = new double[_count];
        _h = new double[_count * Hidden];
        double[] fc1Weight = Find(scenario, "fc1.weight", Hidden * 2), fc2Weight = Find(scenario, "fc2.weight", Hidden);
        for (int j = 0; j < Hidden; j++) (_w0[j], _w1[j]) = (fc1Weight[2 * j], fc1Weight[2 * j + 1]);
        Find(scenario, "fc1.bias", Hidden).CopyTo(_b1, 0);
        fc2Weight.CopyTo(_w2, 0);
        _b2 = Find(scenario, "fc2.bias", 1)[0];
        _learningRate = scenario.Spec.Optimizer.LearningRate;
    }

    /// <summary>One SGD step; returns the loss before it.</summary>
    public double Step()
    {
        var w0a = Vector512.Create(_w0.AsSpan(0, 8)); var w0b = Vector512.Create(_w0.AsSpan(8, 8));
        var w1a = Vector512.Create(_w1.AsSpan(0, 8)); var w1b = Vector512.Create(_w1.AsSpan(8, 8));
        var b1a = Vector512.Create(_b1.AsSpan(0, 8)); var b1b = Vector512.Create(_b1.AsSpan(8, 8));
        var w2a = Vector512.Create(_w2.AsSpan(0, 8)); var w2b = Vector512.Create(_w2.AsSpan(8, 8));
        var zero = Vector512<double>.Zero;

        // forward, one sample a row: 16 hidden units in two registers
        for (int i = 0; i < _count; i++)
        {
            var x0 = Vector512.Create(_x0[i]); var x1 = Vector512.Create(_x1[i]);
            var ha = Vector512.Max(Vector512.FusedMultiplyAdd(x1, w1a, Vector512.FusedMultiplyAdd(x0, w0a, b1a)), zero);
            var hb = Vector512.Max(Vector512.FusedMultiplyAdd(x1, w1b, Vector512.FusedMultiplyAdd(x0, w0b, b1b)), zero);
            ha.StoreUnsafe(ref _h[i * Hidden]);
            hb.StoreUnsafe(ref _h[i * Hidden + 8]);
            _z[i] = Vector512.Sum(ha * w2a + hb * w2b) + _b2;
        }

        // loss and dz, eight samples a register
        var one = Vector512<double>.One; var floor = Vector512.Create(-100.0); var perSample = Vector512.Create(1.0 / _count);
        var logs = zero;
        for (int i = 0; i < _count; i += 8)
        {
            var z = Vector512.LoadUnsafe(ref _z[i]); var y = Vector512.LoadUnsafe(ref _y[i]);
            var p = one / (one + Vector512.Exp(-z));
            logs += y * Vector512.Max(Vector512.Log(p), floor) + (one - y) * Vector512.Max(Vector512.Log(one - p), floor);
            ((p - y) * perSample).StoreUnsafe(ref _dz[i]);
        }

        // backward, one sample a row, every gradient summed in registers
        var dw0a = zero; var dw0b = zero; var dw1a = zero; var dw1b = zero; var db1a = zero; var db1b = zero; var dw2a = zero; var dw2b = zero;
        double db2 = 0;
        for (int i = 0; i < _count; i++)
        {
            double dzi = _dz[i];
            var dz = Vector512.Create(dzi);
            var ha = Vector512.LoadUnsafe(ref _h[i * Hidden]); var hb = Vector512.LoadUnsafe(ref _h[i * Hidden + 8]);
            db2 += dzi;
            dw2a = Vector512.FusedMultiplyAdd(dz, ha, dw2a); dw2b = Vector512.FusedMultiplyAdd(dz, hb, dw2b);
            var dha = Vector512.ConditionalSelect(Vector512.GreaterThan(ha, zero), dz * w2a, zero);
            var dhb = Vector512.ConditionalSelect(Vector512.GreaterThan(hb, zero), dz * w2b, zero);
            db1a += dha; db1b += dhb;
            var x0 = Vector512.Create(_x0[i]); var x1 = Vector512.Create(_x1[i]);
            dw0a = Vector512.FusedMultiplyAdd(x0, dha, dw0a); dw0b = Vector512.FusedMultiplyAdd(x0, dhb, dw0b);
            dw1a = Vector512.FusedMultiplyAdd(x1, dha, dw1a); dw1b = Vector512.FusedMultiplyAdd(x1, dhb, dw1b);
        }

        // SGD
        var rate = Vector512.Create(_learningRate);
        (w0a - rate * dw0a).CopyTo(_w0, 0); (w0b - rate * dw0b).CopyTo(_w0, 8);
        (w1a - rate * dw1a).CopyTo(_w1, 0); (w1b - rate * dw1b).CopyTo(_w1, 8);
        (b1a - rate * db1a).CopyTo(_b1, 0); (b1b - rate * db1b).CopyTo(_b1, 8);
        (w2a - rate * dw2a).CopyTo(_w2, 0); (w2b - rate * dw2b).CopyTo(_w2, 8);
        _b2 -= _learningRate * db2;
        return -Vector512.Sum(logs) / _count;
    }

    private static double[] Find(Scenario scenario, string name, int length)
    {
        NamedTensor tensor = scenario.InitialParameters.FirstOrDefault(p => p.Name == name)
            ?? throw new ArgumentException($"{scenario.Spec.Id}: no parameter {name}; the fused step is written for the 2-16-1 spiral network.");
        if (tensor.Values.Length != length)
            throw new ArgumentException($"{scenario.Spec.Id}: {name} has {tensor.Values.Length} values, the fused step needs {length}.");
        return tensor.Values;
    }
}
