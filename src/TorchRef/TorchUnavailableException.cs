namespace BackpropParity.TorchRef;

/// <summary>LibTorch could not be loaded on this machine; the message says why and what to do.</summary>
public sealed class TorchUnavailableException : Exception
{
    public TorchUnavailableException(string message) : base(message)
    {
    }

    public TorchUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
