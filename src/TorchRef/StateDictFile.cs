using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;

namespace BackpropParity.TorchRef;

/// <summary>
/// A PyTorch state dict saved with <c>torch.save(model.state_dict(), path)</c> (the zip format PyTorch writes since
/// 1.6), read with TorchSharp.PyBridge: each tensor's name, shape and values widened to double (exact for every
/// float and integer dtype up to 2^53). Whole pickled modules and the legacy format are refused with what to do.
/// </summary>
public static class StateDictFile
{
    public sealed record Entry(string Name, long[] Shape, double[] Values, string DType);

    /// <exception cref="InvalidDataException">the file is not a state dict this can read; the message says why.</exception>
    public static IReadOnlyList<Entry> Read(string path)
    {
        TorchRuntime.EnsureLoaded();
        Hashtable table;
        try
        {
            using var stream = File.OpenRead(path);
            table = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true);
        }
        catch (NotImplementedException exception)
        {
            throw new InvalidDataException(exception.Message);
        }
        catch (Exception exception) when (exception is not (IOException or UnauthorizedAccessException or TorchUnavailableException))
        {
            throw new InvalidDataException($"not a PyTorch state dict saved with torch.save ({exception.GetType().Name}: {exception.Message.Split('\n')[0]})");
        }

        var entries = new List<Entry>();
        foreach (DictionaryEntry item in table)
        {
            if (item.Value is not torch.Tensor tensor) continue;
            using var scope = torch.NewDisposeScope();
            using var widened = tensor.to_type(torch.ScalarType.Float64).contiguous();
            entries.Add(new Entry((string)item.Key, tensor.shape, widened.data<double>().ToArray(), tensor.dtype.ToString()));
            tensor.Dispose();
        }
        return entries.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
    }
}
