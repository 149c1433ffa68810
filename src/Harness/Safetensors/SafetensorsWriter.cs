using System.Buffers.Binary;
using System.Text.Json;

namespace BackpropParity.Harness.Safetensors;

/// <summary>
/// Writes the safetensors format: tensors in the order given, their data back to back, the JSON header padded
/// with spaces so that the data starts at a multiple of 8 bytes. The same input always gives the same bytes.
/// </summary>
public static class SafetensorsWriter
{
    public static byte[] Serialize(IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in tensors)
        {
            if (tensor.Name == SafetensorsReader.MetadataKey || !names.Add(tensor.Name))
                throw new ArgumentException($"Tensor name '{tensor.Name}' is used twice or reserved.");
            if (tensor.Data.LongLength != tensor.ElementCount * tensor.DType.Size())
                throw new ArgumentException($"Tensor {tensor.Name}: {tensor.Data.Length} bytes do not fit shape [{string.Join(", ", tensor.Shape)}] of {tensor.DType}.");
        }

        using var headerStream = new MemoryStream();
        using (var json = new Utf8JsonWriter(headerStream))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafetensorsReader.MetadataKey);
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var tensor in tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.DType.ToString());
                json.WriteStartArray("shape");
                foreach (long size in tensor.Shape) json.WriteNumberValue(size);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + tensor.Data.LongLength);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += tensor.Data.LongLength;
            }
            json.WriteEndObject();
        }

        byte[] header = headerStream.ToArray();
        int padding = (8 - header.Length % 8) % 8;
        long total = 8 + header.Length + padding + tensors.Sum(t => t.Data.LongLength);
        var bytes = new byte[total];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)(header.Length + padding));
        header.CopyTo(bytes, 8);
        bytes.AsSpan(8 + header.Length, padding).Fill((byte)' ');
        long at = 8 + header.Length + padding;
        foreach (var tensor in tensors)
        {
            tensor.Data.CopyTo(bytes, at);
            at += tensor.Data.LongLength;
        }
        return bytes;
    }

    /// <summary>
    /// Writes to a temporary file beside <paramref name="path"/>, then renames it over the target, so a reader
    /// sees the old file or the new one, never half of one.
    /// </summary>
    public static void WriteAtomically(string path, byte[] bytes)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public static void Write(string path, IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        WriteAtomically(path, Serialize(tensors, metadata));

}
