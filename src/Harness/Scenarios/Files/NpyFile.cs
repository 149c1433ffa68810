using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace BackpropParity.Harness.Scenarios.Files;

/// <summary>
/// NumPy's .npy format (versions 1–3: magic <c>\x93NUMPY</c>, a header dict with descr, fortran_order and shape,
/// then the raw array) and .npz (a zip of .npy files, one per array name), read into shape + double values. Floats
/// (f2, f4, f8), signed and unsigned integers and bools, either byte order, C or Fortran order. Anything else is one
/// line that says what the file holds.
/// </summary>
public static partial class NpyFile
{
    public sealed record Array(int[] Shape, double[] Values, string DType);

    public static Array Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    /// <summary>The named arrays of an .npz file, by name (the member file name without ".npy").</summary>
    public static IReadOnlyDictionary<string, Array> ReadArchive(string path)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException)
        {
            throw new InvalidDataException($"{path}: not an .npz file (not a zip archive)");
        }
        using (archive)
        {
            var arrays = new SortedDictionary<string, Array>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries.Where(e => e.Name.EndsWith(".npy", StringComparison.Ordinal)))
            {
                using var member = entry.Open();
                using var copy = new MemoryStream();
                member.CopyTo(copy);
                copy.Position = 0;
                arrays[entry.FullName[..^4]] = Parse(copy, $"{path}:{entry.FullName}");
            }
            return arrays;
        }
    }

    public static Array Parse(Stream stream, string origin)
    {
        var reader = new BinaryReader(stream);
        byte[] magic = reader.ReadBytes(6);
        if (magic.Length < 6 || magic[0] != 0x93 || System.Text.Encoding.ASCII.GetString(magic, 1, 5) != "NUMPY")
            throw new InvalidDataException($"{origin}: not a .npy file (no \\x93NUMPY magic)");
        byte major = reader.ReadByte();
        reader.ReadByte();
        int headerLength = major switch
        {
            1 => BinaryPrimitives.ReadUInt16LittleEndian(reader.ReadBytes(2)),
            2 or 3 => checked((int)BinaryPrimitives.ReadUInt32LittleEndian(reader.ReadBytes(4))),
            _ => throw new InvalidDataException($"{origin}: .npy format version {major} is not one this reads (1, 2 or 3)"),
        };
        string header = System.Text.Encoding.Latin1.GetString(reader.ReadBytes(headerLength));

        string descr = Field(DescrPattern(), header, "descr", origin);
        bool fortran = Field(FortranPattern(), header, "fortran_order", origin) == "True";
        string shapeText = Field(ShapePattern(), header, "shape", origin);
        int[] shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(size => int.TryParse(size.TrimEnd('L'), out int n) && n >= 0 ? n : throw new InvalidDataException($"{origin}: shape ({shapeText}) is not a list of sizes"))
            .ToArray();

        var (size, read) = Decoder(descr, origin);
        long count = shape.Aggregate(1L, (product, n) => checked(product * n));
        byte[] data = reader.ReadBytes(checked((int)(count * size)));
        if (data.Length != count * size)
            throw new InvalidDataException($"{origin}: shape ({shapeText}) of {descr} needs {count * size} bytes of data, the file has {data.Length}");
        var values = new double[count];
        for (long i = 0; i < count; i++) values[i] = read(data.AsSpan((int)(i * size), size));
        if (fortran && shape.Length > 1) values = FortranToC(values, shape);
        return new Array(shape, values, descr);
    }

    private delegate double ReadOne(ReadOnlySpan<byte> bytes);

    private static (int Size, ReadOne Read) Decoder(string descr, string origin)
    {
        if (descr.Length < 3) throw new InvalidDataException($"{origin}: dtype '{descr}' is not one this reads");
        bool big = descr[0] == '>';
        string kind = descr[1..];
        ReadOne read = kind switch
        {
            "f8" => b => big ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
            "f4" => b => big ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
            "f2" => b => (double)(big ? BinaryPrimitives.ReadHalfBigEndian(b) : BinaryPrimitives.ReadHalfLittleEndian(b)),
            "i8" => b => big ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
            "i4" => b => big ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
            "i2" => b => big ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
            "i1" => b => (sbyte)b[0],
            "u8" => b => big ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b),
            "u4" => b => big ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
            "u2" => b => big ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
            "u1" or "b1" => b => b[0],
            _ => throw new InvalidDataException($"{origin}: dtype '{descr}' is not one this reads; save float64, float32, an integer or bool array"),
        };
        return (int.Parse(kind[1..]), read);
    }

    private static double[] FortranToC(double[] values, int[] shape)
    {
        // Fortran order: the first index varies fastest. Walk C order and find each element's Fortran position.
        var c = new double[values.Length];
        var index = new int[shape.Length];
        for (int flat = 0; flat < values.Length; flat++)
        {
            int rest = flat;
            for (int axis = shape.Length - 1; axis >= 0; axis--) { index[axis] = rest % shape[axis]; rest /= shape[axis]; }
            int fortranFlat = 0;
            for (int axis = shape.Length - 1; axis >= 0; axis--) fortranFlat = fortranFlat * shape[axis] + index[axis];
            c[flat] = values[fortranFlat];
        }
        return c;
    }

    private static string Field(Regex pattern, string header, string name, string origin) =>
        pattern.Match(header) is { Success: true } match ? match.Groups[1].Value
            : throw new InvalidDataException($"{origin}: the .npy header has no '{name}' ({header.Trim()})");

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
