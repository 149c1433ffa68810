using TorchSharp;
using static TorchSharp.torch;

namespace BackpropParity.TorchRef;

/// <summary>
/// Plain SGD on libtorch's own in-place kernel, as <c>torch.optim.SGD(params, lr)</c> with no momentum, dampening,
/// weight decay or Nesterov term computes it (its <c>foreach=False</c> path): for each parameter,
/// <c>p.add_(p.grad, alpha=-lr)</c>, i.e. θ ← θ − lr·∇θ, rounded once by libtorch's <c>add_</c>.
/// <para>
/// Why not TorchSharp's <c>optim.SGD</c>: its step calls <c>param.add_(grad, alpha: -lr)</c> with a double that
/// C# converts into a new <see cref="Scalar"/> (a .NET object owning a native <c>at::Scalar</c>, freed by its
/// finalizer). Nothing refers to that object once its handle has been passed to the native call, so a garbage
/// collection started by another thread during the call may finalize it and free the <c>at::Scalar</c> while libtorch
/// is still reading it; libtorch then fails with "Expected false to be true ... toDouble" or "Unknown scalar type",
/// or reads a wrong value. Here every Scalar is created, used and disposed explicitly by a <c>using</c>, which keeps
/// it alive until after the call returns.
/// </para>
/// </summary>
public sealed class TorchSgd : IDisposable
{
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _parameters;
    private readonly Scalar _negativeLearningRate;

    public TorchSgd(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate)
    {
        if (!(learningRate >= 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "the learning rate must be 0 or more");
        TorchRuntime.EnsureLoaded();
        _parameters = parameters.ToList();
        LearningRate = learningRate;
        _negativeLearningRate = (-learningRate).ToScalar();   // a field: alive as long as this optimizer
    }

    public double LearningRate { get; }

    /// <summary>
    /// Fills every gradient with zeros, as TorchSharp's <c>zero_grad()</c> and PyTorch's
    /// <c>zero_grad(set_to_none=False)</c> do; the next backward adds into them.
    /// </summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            using Tensor? gradient = parameter.grad;
            gradient?.zero_();
        }
    }

    /// <summary>θ ← θ − lr·∇θ for every parameter that has a gradient.</summary>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using (no_grad())
        {
            foreach (var parameter in _parameters)
            {
                using Tensor? gradient = parameter.grad;
                if (gradient is null) continue;
                parameter.add_(gradient, _negativeLearningRate);
            }
        }
        GC.KeepAlive(this);   // the Scalar field's owner, until the last add_ has returned
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _negativeLearningRate.Dispose();
    }
}
