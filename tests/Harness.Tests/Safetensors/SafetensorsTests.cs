using System.Buffers.Binary;
using System.Text;
using BackpropParity.Harness.Safetensors;

namespace BackpropParity.Harness.Tests.Safetensors;

public sealed class SafetensorsTests
{
    private static byte[] ValidFile() => SafetensorsWriter.Serialize(
    [
        SafetensorsTensor.FromDoubles("fc1.weight", SafetensorsDType.F64, [2, 3], [1, 2, 3, 4, 5, 6]),
        SafetensorsTensor.FromDoubles("fc1.bias", SafetensorsDType.F32, [2], [0.5, -0.25]),
        SafetensorsTensor.FromDoubles("loss", SafetensorsDType.F64, [], [0.125]),
    ], new Dictionary<string, string> { ["format"] = "test" });

    /// <summary>A file with this exact header text and this many data bytes.</summary>
    private static byte[] FileWithHeader(string header, int dataBytes)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }

    private static string ProblemOf(byte[] bytes) =>
        Assert.Throws<SafetensorsFormatException>(() => SafetensorsReader.Parse(bytes, "x.safetensors"))!.Message;

    [Test]
    public void WriteThenRead_GivesBackEveryTensorAndTheMetadata()
    {
        var file = SafetensorsReader.Parse(ValidFile(), "x.safetensors");

        Assert.That(file.Tensors.Select(t => t.Name), Is.EqualTo(new[] { "fc1.weight", "fc1.bias", "loss" }));
        Assert.That(file.Find("fc1.weight")!.Shape, Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(file.Find("fc1.weight")!.ToDoubles(), Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }));
        Assert.That(file.Find("fc1.bias")!.DType, Is.EqualTo(SafetensorsDType.F32));
        Assert.That(file.Find("fc1.bias")!.ToDoubles(), Is.EqualTo(new[] { 0.5, -0.25 }));
        Assert.That(file.Find("loss")!.Shape, Is.Empty);
        Assert.That(file.Metadata["format"], Is.EqualTo("test"));
    }

    [Test]
    public void Writer_PadsTheHeaderWithSpaces_SoDataStartsOnAnEightByteBoundary()
    {
        byte[] bytes = ValidFile();
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);

        Assert.That((8 + headerLength) % 8, Is.Zero);
        Assert.That(Encoding.UTF8.GetString(bytes, 8, (int)headerLength), Does.StartWith("{\"__metadata__\":{\"format\":\"test\"},\"fc1.weight\":{\"dtype\":\"F64\""));
    }

    [Test]
    public void Writer_IsDeterministic()
    {
        byte[] first = ValidFile(), second = ValidFile();
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void WriteAtomically_ReplacesTheFile_AndLeavesNoTemporaryFile()
    {
        string directory = Directory.CreateTempSubdirectory("safetensors").FullName;
        string path = Path.Combine(directory, "a.safetensors");
        File.WriteAllText(path, "old");

        SafetensorsWriter.WriteAtomically(path, ValidFile());

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(ValidFile()));
        Assert.That(Directory.GetFiles(directory), Has.Length.EqualTo(1));
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public void TruncatedBeforeTheHeaderLength_IsRejected() =>
        Assert.That(ProblemOf([1, 2, 3]), Is.EqualTo("x.safetensors: truncated: 3 bytes, shorter than the 8-byte header length"));

    [Test]
    public void HeaderLengthLargerThanTheFile_IsRejected()
    {
        byte[] bytes = ValidFile()[..40];

        Assert.That(ProblemOf(bytes), Does.Contain("is larger than the 32 bytes after it"));
    }

    [Test]
    public void HeaderLengthBeyondTheSaneLimit_IsRejectedWithoutAllocating()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);

        Assert.That(ProblemOf(bytes), Does.Contain("exceeds the 8388608-byte limit"));
    }

    [Test]
    public void CorruptedHeader_IsRejectedAsInvalidJson() =>
        Assert.That(ProblemOf(FileWithHeader("{\"a\": {\"dtype\": ", 0)), Does.Contain("header is not valid JSON"));

    [Test]
    public void UnknownDType_IsRejectedNamingTheTensor() =>
        Assert.That(ProblemOf(FileWithHeader("{\"w\":{\"dtype\":\"F128\",\"shape\":[1],\"data_offsets\":[0,16]}}", 16)),
            Is.EqualTo("x.safetensors: tensor 'w': unknown dtype 'F128'"));

    [Test]
    public void ShapeThatDisagreesWithTheOffsets_IsRejected() =>
        Assert.That(ProblemOf(FileWithHeader("{\"w\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,16]}}", 16)),
            Is.EqualTo("x.safetensors: tensor 'w': shape [3] of F64 needs 24 bytes, data_offsets give 16"));

    [Test]
    public void OffsetsBeyondTheData_AreRejected() =>
        Assert.That(ProblemOf(FileWithHeader("{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", 8)),
            Does.Contain("lie outside the 8 bytes of data"));

    [Test]
    public void DuplicateTensor_IsRejected() =>
        Assert.That(ProblemOf(FileWithHeader(
            "{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", 16)),
            Is.EqualTo("x.safetensors: header names 'w' twice"));

    [Test]
    public void OverlappingTensors_AreRejected() =>
        Assert.That(ProblemOf(FileWithHeader(
            "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", 16)),
            Does.Contain("overlaps"));

    [Test]
    public void DataThatBelongsToNoTensor_IsRejected() =>
        Assert.That(ProblemOf(FileWithHeader("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 16)),
            Does.Contain("8 bytes at the end of the data belong to no tensor"));

    [Test]
    public void NegativeShape_IsRejected() =>
        Assert.That(ProblemOf(FileWithHeader("{\"a\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,8]}}", 8)),
            Does.Contain("not a non-negative integer"));

    [Test]
    public void MetadataValueThatIsNotAString_IsRejected() =>
        Assert.That(ProblemOf(FileWithHeader("{\"__metadata__\":{\"n\":1}}", 0)), Does.Contain("is not a string"));

    [TestCase("[\"0\",8]")]
    [TestCase("[null,8]")]
    [TestCase("[0,true]")]
    [TestCase("[0.5,8]")]
    [TestCase("{\"begin\":0}")]
    public void DataOffsetsThatAreNotTwoIntegers_AreAFormatError(string offsets) =>
        Assert.That(ProblemOf(FileWithHeader($"{{\"a\":{{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":{offsets}}}}}", 8)),
            Does.Contain("data_offsets must be [begin, end], two integers"));

    [TestCase("{\"\\ud800\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}")]
    [TestCase("{\"__metadata__\":{\"format\":\"\\udc00x\"}}")]
    [TestCase("{\"a\":{\"dtype\":\"F\\ud83d\",\"shape\":[1],\"data_offsets\":[0,8]}}")]
    public void ALoneSurrogateEscape_InANameOrValue_IsAFormatError(string header) =>
        Assert.That(ProblemOf(FileWithHeader(header, header.StartsWith("{\"__") ? 0 : 8)), Does.Contain("not valid text"));

    [TestCase("[2147483647,2147483647,0]", "overflows")]
    [TestCase("[0,9223372036854775807]", "larger than the 2147483647 a dimension may be")]
    [TestCase("[4294967296,0]", "larger than the 2147483647 a dimension may be")]
    public void AShapeThatOverflows_EvenWithAZeroInIt_IsAFormatError(string shape, string problem) =>
        Assert.That(ProblemOf(FileWithHeader($"{{\"a\":{{\"dtype\":\"F64\",\"shape\":{shape},\"data_offsets\":[0,0]}}}}", 0)), Does.Contain(problem));

    [Test]
    public void AHeaderLengthOverTheCap_IsRefused_BeforeTheFileIsRead()
    {
        string path = Path.Combine(Path.GetTempPath(), $"huge-header-{Guid.NewGuid():N}.safetensors");
        try
        {
            // Nine megabytes of valid-looking JSON: refused from its first eight bytes.
            byte[] bytes = FileWithHeader("{\"__metadata__\":{\"x\":\"" + new string('a', 9 << 20) + "\"}}", 0);
            File.WriteAllBytes(path, bytes);
            long before = GC.GetAllocatedBytesForCurrentThread();

            var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsReader.Read(path))!;

            Assert.That(error.Problem, Does.StartWith("header length 9437").And.Contain("exceeds the 8388608-byte limit"));
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20), "the file was not read");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void AFolder_OrAFileThatCannotBeRead_IsAFormatErrorNamingIt()
    {
        string directory = Directory.CreateTempSubdirectory("st").FullName;
        try
        {
            Assert.That(Assert.Throws<SafetensorsFormatException>(() => SafetensorsReader.Read(directory))!.Message,
                Is.EqualTo($"{directory}: is a folder, not a file"));
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Test]
    public void MissingFile_SaysSo() =>
        Assert.That(Assert.Throws<SafetensorsFormatException>(() => SafetensorsReader.Read(Path.Combine(Path.GetTempPath(), "no-such-file.safetensors")))!.Problem,
            Is.EqualTo("no such file"));

    [Test]
    public void EveryTruncation_OfAValidFile_IsRejectedCleanly()
    {
        byte[] valid = ValidFile();
        for (int length = 0; length < valid.Length; length++)
            Assert.Throws<SafetensorsFormatException>(() => SafetensorsReader.Parse(valid.AsSpan(0, length), "x"), $"truncated to {length} bytes");
    }

    [Test]
    public void RandomByteMutations_EitherParseOrFailWithAFormatError_NeverAnythingElse()
    {
        byte[] valid = ValidFile();
        var random = new Random(20261123);
        int rejected = 0;
        for (int trial = 0; trial < 5000; trial++)
        {
            byte[] bytes = (byte[])valid.Clone();
            int mutations = 1 + random.Next(4);
            for (int m = 0; m < mutations; m++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            try
            {
                var file = SafetensorsReader.Parse(bytes, "x");
                foreach (var tensor in file.Tensors) _ = tensor.ElementCount;
            }
            catch (SafetensorsFormatException)
            {
                rejected++;
            }
        }
        Assert.That(rejected, Is.GreaterThan(100), "mutations of the header must be caught");
    }
}
