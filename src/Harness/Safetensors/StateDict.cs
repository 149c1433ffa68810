using System.Numerics;
using System.Runtime.InteropServices;
using BackpropParity.Manual;
using BackpropParity.Manual.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace BackpropParity.Harness.Safetensors;

/// <summary>
/// Model parameters as a safetensors state dict, named and shaped as PyTorch names and shapes them
/// (<c>fc1.weight</c> [out, in], <c>fc1.bias</c> [out]), so <c>safetensors.torch.load_file</c> followed by
/// <c>model.load_state_dict</c> reads what is saved here, and what PyTorch saves loads here. Works for a manual
/// model and for any TorchSharp module. Loading checks every name and shape; a missing or extra tensor is an error.
/// </summary>
public static class StateDict
{
    public static void Save<T>(Sequential<T> model, string path) where T : unmanaged, IFloatingPointIeee754<T> =>
        SafetensorsWriter.Write(path, model.Parameters.Select(p => SafetensorsTensor.FromDoubles(
            p.Name, typeof(T) == typeof(float) ? SafetensorsDType.F32 : SafetensorsDType.F64,
            p.Shape.Select(s => (long)s).ToArray(), p.Value.ToDoubles())).ToList());

    public static void Load<T>(Sequential<T> model, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var file = SafetensorsReader.Read(path);
        RequireSameNames(file, model.Parameters.Select(p => p.Name), path);
        foreach (Parameter<T> parameter in model.Parameters)
        {
            var tensor = file.Find(parameter.Name)!;
            if (!tensor.Shape.SequenceEqual(parameter.Shape.Select(s => (long)s)))
                throw new SafetensorsFormatException(path, $"'{parameter.Name}' is [{string.Join(", ", tensor.Shape)}], the model's is [{string.Join(", ", parameter.Shape)}]");
            parameter.Load(tensor.ToDoubles());
        }
    }

    public static void Save(nn.Module module, string path) =>
        SafetensorsWriter.Write(path, module.named_parameters().Select(p => ToSafetensors(p.name, p.parameter)).ToList());

    public static void Load(nn.Module module, string path)
    {
        var file = SafetensorsReader.Read(path);
        var parameters = module.named_parameters().ToList();
        RequireSameNames(file, parameters.Select(p => p.name), path);
        foreach (var (name, parameter) in parameters)
        {
            var stored = file.Find(name)!;
            if (!stored.Shape.SequenceEqual(parameter.shape))
                throw new SafetensorsFormatException(path, $"'{name}' is [{string.Join(", ", stored.Shape)}], the module's is [{string.Join(", ", parameter.shape)}]");
            using var values = tensor(stored.ToDoubles(), stored.Shape, dtype: ScalarType.Float64);
            using (no_grad())
            {
                parameter.copy_(values);
            }
        }
    }

    private static SafetensorsTensor ToSafetensors(string name, Tensor parameter)
    {
        using Tensor contiguous = parameter.detach().contiguous();
        var dtype = contiguous.dtype switch
        {
            ScalarType.Float64 => SafetensorsDType.F64,
            ScalarType.Float32 => SafetensorsDType.F32,
            _ => throw new ArgumentException($"Parameter {name} is {contiguous.dtype}; only float32 and float64 are saved."),
        };
        return new SafetensorsTensor(name, dtype, contiguous.shape, MemoryMarshal.AsBytes(contiguous.bytes).ToArray());
    }

    private static void RequireSameNames(SafetensorsFile file, IEnumerable<string> expected, string path)
    {
        var names = expected.ToHashSet(StringComparer.Ordinal);
        var missing = names.Where(n => !file.Contains(n)).ToList();
        var extra = file.Tensors.Select(t => t.Name).Where(n => !names.Contains(n)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            throw new SafetensorsFormatException(path,
                $"state dict does not fit the model: {(missing.Count > 0 ? $"missing {string.Join(", ", missing)}" : "")}" +
                $"{(missing.Count > 0 && extra.Count > 0 ? "; " : "")}{(extra.Count > 0 ? $"unexpected {string.Join(", ", extra)}" : "")}");
    }
}
