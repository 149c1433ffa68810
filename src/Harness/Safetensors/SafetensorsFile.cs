namespace BackpropParity.Harness.Safetensors;

/// <summary>The content of a safetensors file: its tensors in header order and its string metadata.</summary>
public sealed class SafetensorsFile(IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string> metadata)
{
    private readonly Dictionary<string, SafetensorsTensor> _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public IReadOnlyList<SafetensorsTensor> Tensors { get; } = tensors;
    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata;

    public bool Contains(string name) => _byName.ContainsKey(name);

    public SafetensorsTensor? Find(string name) => _byName.GetValueOrDefault(name);
}
