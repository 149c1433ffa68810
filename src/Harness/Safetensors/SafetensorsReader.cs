using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Unicode;

namespace BackpropParity.Harness.Safetensors;

/// <summary>
/// Reads the safetensors format: an 8-byte little-endian header length N, N bytes of JSON header
/// (<c>{"name": {"dtype": "F64", "shape": [2, 3], "data_offsets": [begin, end]}, "__metadata__": {...}}</c>),
/// then the data, each tensor's bytes at [begin, end) of it. Every rule of the format is checked before any
/// tensor is allocated, so a corrupt or hostile file costs one clear error, never a huge allocation or a hang.
/// </summary>
public static class SafetensorsReader
{
    /// <summary>
    /// The largest header accepted: 8 MiB. The reference implementation allows 100 MB, which costs seconds and a
    /// gigabyte to reject. The largest header this suite writes is 42 KB (100 recorded steps of a neuron, about 900
    /// tensor entries); 8 MiB holds 200 times that (about 100,000 entries: 100 steps of a 50-layer network, or a state
    /// dict of 100,000 tensors) and parses in milliseconds.
    /// </summary>
    public const long MaxHeaderBytes = 8 << 20;

    /// <summary>The largest dimension of a tensor's shape (the project's tensors are indexed by int).</summary>
    public const long MaxDimension = int.MaxValue;

    /// <summary>The largest file read whole.</summary>
    public const long MaxFileBytes = 1L << 31;

    public const string MetadataKey = "__metadata__";

    /// <exception cref="SafetensorsFormatException">the file is not valid safetensors, or cannot be read (a folder,
    /// no permission): one line naming it and the problem.</exception>
    public static SafetensorsFile Read(string path)
    {
        try
        {
            if (Directory.Exists(path)) throw new SafetensorsFormatException(path, "is a folder, not a file");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxFileBytes)
                throw new SafetensorsFormatException(path, $"file is {stream.Length} bytes, larger than the {MaxFileBytes}-byte limit");
            // The header length first: a hostile length is refused before the file is read.
            Span<byte> prefix = stackalloc byte[8];
            int read = stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false);
            if (read == 8) CheckHeaderLength(BinaryPrimitives.ReadUInt64LittleEndian(prefix), stream.Length, path);
            stream.Position = 0;
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return Parse(bytes, path);
        }
        catch (FileNotFoundException)
        {
            throw new SafetensorsFormatException(path, "no such file");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SafetensorsFormatException(path, $"cannot be read ({exception.Message})");
        }
    }

    private static void CheckHeaderLength(ulong headerLength, long fileLength, string source)
    {
        if (headerLength > MaxHeaderBytes)
            throw new SafetensorsFormatException(source, $"header length {headerLength} exceeds the {MaxHeaderBytes}-byte limit");
        if (headerLength > (ulong)(fileLength - 8))
            throw new SafetensorsFormatException(source, $"header length {headerLength} is larger than the {fileLength - 8} bytes after it (truncated file?)");
    }

    public static SafetensorsFile Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 8)
            throw new SafetensorsFormatException(source, $"truncated: {bytes.Length} bytes, shorter than the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        CheckHeaderLength(headerLength, bytes.Length, source);
        if (headerLength < 2)
            throw new SafetensorsFormatException(source, $"header length {headerLength} is too small for a JSON object");

        ReadOnlySpan<byte> header = bytes.Slice(8, (int)headerLength);
        ReadOnlySpan<byte> data = bytes[(8 + (int)headerLength)..];
        if (header[0] != (byte)'{')
            throw new SafetensorsFormatException(source, "header does not start with '{'");
        if (!Utf8.IsValid(header))
            throw new SafetensorsFormatException(source, "header is not valid UTF-8");

        JsonDocument document;
        try
        {
            RejectDuplicateKeys(header, source);
            document = JsonDocument.Parse(header.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException exception)
        {
            throw new SafetensorsFormatException(source, $"header is not valid JSON ({exception.Message})");
        }
        catch (InvalidOperationException exception)
        {
            // A string escape that is not valid UTF-16 (a lone surrogate, "\ud800") cannot become a .NET string.
            throw new SafetensorsFormatException(source, $"header holds a string that is not valid text ({exception.Message})");
        }

        using (document)
        {
            try
            {
                return Build(document, data, source);
            }
            catch (InvalidOperationException exception)
            {
                throw new SafetensorsFormatException(source, $"header holds a string that is not valid text ({exception.Message})");
            }
        }
    }

    private static SafetensorsFile Build(JsonDocument document, ReadOnlySpan<byte> data, string source)
    {
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new SafetensorsFormatException(source, "header is not a JSON object");

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<(string Name, SafetensorsDType DType, long[] Shape, long Begin, long End)>();
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                    ReadMetadata(property.Value, metadata, source);
                else
                    entries.Add(ReadEntry(property, data.Length, source));
            }

            // The data must be covered exactly: sorted by offset, each tensor starts where the previous ended.
            long expectedBegin = 0;
            foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
            {
                if (entry.Begin != expectedBegin)
                    throw new SafetensorsFormatException(source, entry.Begin < expectedBegin
                        ? $"tensor '{entry.Name}' overlaps the tensor before it (data_offsets start at {entry.Begin}, previous ends at {expectedBegin})"
                        : $"{entry.Begin - expectedBegin} bytes of data before tensor '{entry.Name}' belong to no tensor");
                expectedBegin = entry.End;
            }
            if (expectedBegin != data.Length)
                throw new SafetensorsFormatException(source, $"{data.Length - expectedBegin} bytes at the end of the data belong to no tensor");

            var tensors = new List<SafetensorsTensor>(entries.Count);
            foreach (var e in entries)
                tensors.Add(new SafetensorsTensor(e.Name, e.DType, e.Shape, data[(int)e.Begin..(int)e.End].ToArray()));
            return new SafetensorsFile(tensors, metadata);
        }
    }

    private static (string, SafetensorsDType, long[], long, long) ReadEntry(JsonProperty property, int dataLength, string source)
    {
        string name = property.Name;
        JsonElement entry = property.Value;
        if (entry.ValueKind != JsonValueKind.Object)
            throw new SafetensorsFormatException(source, $"tensor '{name}': entry is not an object");

        if (!entry.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw new SafetensorsFormatException(source, $"tensor '{name}': missing dtype");
        string dtypeText = dtypeElement.GetString()!;
        if (!SafetensorsDTypes.TryParse(dtypeText, out var dtype))
            throw new SafetensorsFormatException(source, $"tensor '{name}': unknown dtype '{dtypeText}'");

        if (!entry.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw new SafetensorsFormatException(source, $"tensor '{name}': missing shape");
        var shape = new long[shapeElement.GetArrayLength()];
        int axis = 0;
        foreach (var size in shapeElement.EnumerateArray())
        {
            if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out long value) || value < 0)
                throw new SafetensorsFormatException(source, $"tensor '{name}': shape holds {size.GetRawText()}, not a non-negative integer");
            if (value > MaxDimension)
                throw new SafetensorsFormatException(source, $"tensor '{name}': shape holds {value}, larger than the {MaxDimension} a dimension may be");
            shape[axis++] = value;
        }
        // The product of the non-zero dimensions must fit in a file, even when a zero makes the tensor empty:
        // [2^30, 2^30, 0] is no tensor anyone wrote, and code that multiplies its dimensions would overflow.
        long nonZeroProduct = 1;
        foreach (long size in shape.Where(s => s != 0))
        {
            if (nonZeroProduct > MaxFileBytes / size)
                throw new SafetensorsFormatException(source, $"tensor '{name}': shape [{string.Join(", ", shape)}] overflows");
            nonZeroProduct *= size;
        }
        long elements = shape.Contains(0) ? 0 : nonZeroProduct;

        if (!entry.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2
            || offsets[0].ValueKind != JsonValueKind.Number || offsets[1].ValueKind != JsonValueKind.Number
            || !offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end))
            throw new SafetensorsFormatException(source, $"tensor '{name}': data_offsets must be [begin, end], two integers");
        if (begin < 0 || end < begin || end > dataLength)
            throw new SafetensorsFormatException(source, $"tensor '{name}': data_offsets [{begin}, {end}] lie outside the {dataLength} bytes of data");
        long expectedBytes = elements > long.MaxValue / dtype.Size() ? long.MaxValue : elements * dtype.Size();
        if (end - begin != expectedBytes)
            throw new SafetensorsFormatException(source,
                $"tensor '{name}': shape [{string.Join(", ", shape)}] of {dtype} needs {expectedBytes} bytes, data_offsets give {end - begin}");
        return (name, dtype, shape, begin, end);
    }

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new SafetensorsFormatException(source, $"{MetadataKey} is not an object");
        foreach (var item in element.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw new SafetensorsFormatException(source, $"{MetadataKey}['{item.Name}'] is not a string");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    // JsonDocument keeps the last of duplicate keys silently; a tensor named twice is a corrupt file.
    private static void RejectDuplicateKeys(ReadOnlySpan<byte> header, string source)
    {
        var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 8 });
        var seen = new Stack<HashSet<string>>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    seen.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.EndObject:
                    seen.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    string name = reader.GetString()!;
                    if (!seen.Peek().Add(name))
                        throw new SafetensorsFormatException(source, $"header names '{name}' twice");
                    break;
            }
        }
    }
}
