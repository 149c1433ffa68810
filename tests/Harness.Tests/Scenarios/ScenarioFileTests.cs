using System.Text;
using BackpropParity.Cli;
using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Scenarios.Files;

namespace BackpropParity.Harness.Tests.Scenarios;

/// <summary>Scenario files: what they define, and one clear line for every way one can be wrong.</summary>
public sealed class ScenarioFileTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("scenario-files").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    // A small valid network file; each bad-input case edits one thing in it.
    private const string Valid = """
        {
          "format": "backprop-parity-scenario/1",
          "id": "mine",
          "description": "a test network",
          "dtype": ["float64", "float32"],
          "layers": [
            {"kind": "linear", "in_features": 2, "out_features": 3},
            {"kind": "tanh"},
            {"kind": "linear", "in_features": 3, "out_features": 1},
            {"kind": "sigmoid"}
          ],
          "loss": "half_squared_error",
          "optimizer": {"kind": "sgd", "learning_rate": 0.5},
          "steps": 20,
          "inputs": [[0, 0], [0, 1], [1, 0], [1, 1]],
          "targets": [[0], [1], [1], [0]],
          "generator": {"name": "numpy-randn", "seed": 1, "scale": 0.5}
        }
        """;

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    // The message, with the test's folder left out of the file's path.
    private string Refused(string text, string name = "my.json") =>
        Assert.Throws<ScenarioFileException>(() => ScenarioFile.Load(Write(name, text)))!.Message.Replace(_folder + Path.DirectorySeparatorChar, "");

    [Test]
    public void AValidFile_GivesOneScenarioPerDtype_WithTheNumbersItSays()
    {
        var scenarios = ScenarioFile.Load(Write("my.json", Valid));

        Assert.That(scenarios.Select(s => s.Id), Is.EqualTo(new[] { "mine-float64", "mine-float32" }));
        var spec = scenarios[0].Spec;
        Assert.That(spec.Layers.Select(l => l.Name), Is.EqualTo(new[] { "fc1", "tanh1", "fc2", "sigmoid2" }));
        Assert.That(spec.Optimizer.LearningRate, Is.EqualTo(0.5));
        Assert.That(spec.Steps, Is.EqualTo(20));
        Assert.That(scenarios[0].Inputs.Shape, Is.EqualTo(new[] { 4, 2 }));
        Assert.That(scenarios[0].InitialParameters.Select(p => $"{p.Name} {p.ShapeText}"),
            Is.EqualTo(new[] { "fc1.weight [3, 2]", "fc1.bias [3]", "fc2.weight [1, 3]", "fc2.bias [1]" }));
        Assert.That(scenarios[0].File, Is.EqualTo(Path.Combine(_folder, "my.json")));
    }

    [Test]
    public void TheBuiltInXorTanhFile_AndTheSameNumbersWrittenByHand_AreOneScenario()
    {
        var mine = ScenarioFile.Load(Write("my.json", Valid.Replace("\"steps\": 20", "\"steps\": 500")))[0];
        var builtIn = ScenarioCatalog.Get("xor-tanh-2-3-1-float64");

        Assert.That(mine.InitialParameters.SelectMany(p => p.Values), Is.EqualTo(builtIn.InitialParameters.SelectMany(p => p.Values)));
        Assert.That(Harness.Fixtures.ScenarioJson.Numbers(mine.Spec), Is.EqualTo(Harness.Fixtures.ScenarioJson.Numbers(builtIn.Spec)));
    }

    [Test]
    public void EveryFileOfTheScenariosFolder_IsABuiltInScenario()
    {
        string folder = Path.Combine(ProjectFolder.Find("scenarios")!, "scenarios");
        var fromFolder = ScenarioFile.LoadFolder(folder);

        Assert.That(fromFolder.Select(s => s.Id), Is.EqualTo(ScenarioCatalog.Scenarios.Select(s => s.Id)));
    }

    // One line: the file, the JSON path, the problem.
    [TestCase("""{"format": "backprop-parity-scenario/1", "id": "mine",""", "my.json: is not valid JSON: line 1, column")]
    [TestCase("""{"id": "mine"}""", "my.json: needs \"format\": \"backprop-parity-scenario/1\"")]
    [TestCase("""{"format": "backprop-parity-scenario/9"}""", "my.json: format 'backprop-parity-scenario/9' is not a format this reads")]
    [TestCase("""[1, 2]""", "my.json: should be one JSON object")]
    public void AFileThatIsNotAScenario_IsNamedWithItsProblem(string text, string expected) =>
        Assert.That(Refused(text), Does.StartWith(expected));

    [TestCase("\"in_features\": 3, \"out_features\": 1", "\"in_features\": 8, \"out_features\": 1", "my.json: layers[2].in_features 8 does not match layers[0].out_features 3")]
    [TestCase("{\"kind\": \"tanh\"}", "{\"kind\": \"gelu\"}", "my.json: layers[1].kind 'gelu' is not a layer kind; known: linear, relu, sigmoid, tanh")]
    [TestCase("\"learning_rate\": 0.5", "\"learnig_rate\": 0.5", "my.json: optimizer needs \"learning_rate\"")]
    [TestCase("\"steps\": 20,", "\"steps\": 20, \"momentum\": 0.9,", "my.json: momentum is not a known property here; known:")]
    [TestCase("\"half_squared_error\"", "\"hinge\"", "my.json: loss 'hinge' is not a loss; known: mean_squared_error, half_squared_error, binary_cross_entropy, softmax_cross_entropy")]
    [TestCase("\"kind\": \"sgd\"", "\"kind\": \"adam\"", "my.json: optimizer.kind 'adam' is not an optimizer this runs; known: sgd")]
    [TestCase("[\"float64\", \"float32\"]", "\"float16\"", "my.json: dtype 'float16' is not a dtype; known: float64, float32")]
    [TestCase("\"steps\": 20", "\"steps\": 0", "my.json: steps 0 is below 1")]
    [TestCase("\"numpy-randn\"", "\"xavier\"", "my.json: generator.name 'xavier' is not a generator; known: lesson-spiral, spiral, mnist-shaped, soft-labels, smooth-regression, numpy-randn")]
    [TestCase("\"seed\": 1", "\"sede\": 1", "my.json: generator.sede is not a known property here")]
    [TestCase("[[0, 0], [0, 1], [1, 0], [1, 1]]", "[[0, 0], [0, 1], [1, 0], [1]]", "my.json: inputs[3] should be a list of 2")]
    [TestCase("[[0, 0], [0, 1], [1, 0], [1, 1]]", "[[0, 0, 0], [0, 1, 0], [1, 0, 0], [1, 1, 0]]", "my.json: inputs shape [4, 3] does not match layers[0].in_features 2")]
    [TestCase("[[0], [1], [1], [0]]", "[[0], [1], [1]]", "my.json: targets shape [3, 1] should be [4, 1]")]
    [TestCase("\"id\": \"mine\"", "\"id\": \"My Net\"", "my.json: id 'My Net' should be lower-case letters")]
    [TestCase("{\"kind\": \"linear\", \"in_features\": 2, \"out_features\": 3},\n    {\"kind\": \"tanh\"}", "{\"kind\": \"tanh\"},\n    {\"kind\": \"linear\", \"in_features\": 2, \"out_features\": 3}", "my.json: layers[0].kind 'tanh' comes before any linear layer")]
    public void ABadField_IsNamedByItsJsonPath(string from, string to, string expected)
    {
        Assert.That(Valid.Contains(from, StringComparison.Ordinal), Is.True, "the case edits the valid file");
        Assert.That(Refused(Valid.Replace(from, to)), Does.StartWith(expected));
    }

    [Test]
    public void DataGivenTwice_ByTheFileAndTheGenerator_IsRefused() =>
        Assert.That(Refused(Valid.Replace("\"numpy-randn\", \"seed\": 1, \"scale\": 0.5", "\"spiral\", \"seed\": 1")),
            Does.StartWith("my.json: inputs is given twice: here and by the generator"));

    [Test]
    public void ParametersFromASafetensorsFile_ThatDoNotMatchTheLayers_SayWhich()
    {
        var right = ScenarioFile.Load(Write("ok.json", Valid))[0].InitialParameters;
        SafetensorsWriter.Write(Path.Combine(_folder, "extra.safetensors"),
            [.. right.Select(ToSafetensors), SafetensorsTensor.FromDoubles("fc3.weight", SafetensorsDType.F64, [1, 1], [1.0])]);
        SafetensorsWriter.Write(Path.Combine(_folder, "missing.safetensors"), right.Take(3).Select(ToSafetensors).ToList());
        SafetensorsWriter.Write(Path.Combine(_folder, "shape.safetensors"),
            right.Select(p => p.Name == "fc1.weight" ? SafetensorsTensor.FromDoubles(p.Name, SafetensorsDType.F64, [2, 3], p.Values) : ToSafetensors(p)).ToList());
        SafetensorsWriter.Write(Path.Combine(_folder, "good.safetensors"), right.Select(ToSafetensors).ToList());
        string With(string file) => Valid.Replace("\"generator\": {\"name\": \"numpy-randn\", \"seed\": 1, \"scale\": 0.5}", $"\"parameters\": {{\"file\": \"{file}\"}}");

        Assert.That(Refused(With("extra.safetensors")), Does.StartWith("my.json: parameters has 'fc3.weight', which belongs to no layer; the layers need fc1.weight [3, 2], fc1.bias [3], fc2.weight [1, 3], fc2.bias [1]"));
        Assert.That(Refused(With("missing.safetensors")), Does.StartWith("my.json: parameters has no 'fc2.bias'"));
        Assert.That(Refused(With("shape.safetensors")), Does.StartWith("my.json: parameters 'fc1.weight' has shape [2, 3], its layer needs [3, 2]"));
        Assert.That(Refused(With("nowhere.safetensors")), Does.StartWith("my.json: parameters.file 'nowhere.safetensors' does not exist"));
        Assert.That(ScenarioFile.Load(Write("good.json", With("good.safetensors")))[0].InitialParameters.SelectMany(p => p.Values),
            Is.EqualTo(right.SelectMany(p => p.Values)));
    }

    private static SafetensorsTensor ToSafetensors(NamedTensor tensor) =>
        SafetensorsTensor.FromDoubles(tensor.Name, SafetensorsDType.F64, tensor.Shape.Select(s => (long)s).ToArray(), tensor.Values);

    [Test]
    public void DataFiles_WithTheWrongShape_DType_OrAValueThatIsNotFinite_SayWhich()
    {
        NpyWriter.Write(Path.Combine(_folder, "x.npy"), "<f8", [4, 2], [0, 0, 0, 1, 1, 0, 1, 1]);
        NpyWriter.Write(Path.Combine(_folder, "wide.npy"), "<f8", [4, 3], new double[12]);
        NpyWriter.Write(Path.Combine(_folder, "nan.npy"), "<f8", [4, 2], [0, 0, 0, double.NaN, 1, 0, 1, 1]);
        File.WriteAllBytes(Path.Combine(_folder, "complex.npy"), NpyWriter.Header("<c16", [4, 2]).Concat(new byte[4 * 2 * 16]).ToArray());
        File.WriteAllBytes(Path.Combine(_folder, "short.npy"), NpyWriter.Header("<f8", [4, 2]).Concat(new byte[8]).ToArray());
        File.WriteAllText(Path.Combine(_folder, "text.npy"), "not numpy");
        string With(string file) => Valid.Replace("[[0, 0], [0, 1], [1, 0], [1, 1]]", $"{{\"file\": \"{file}\"}}");

        Assert.That(ScenarioFile.Load(Write("ok.json", With("x.npy")))[0].Inputs.Values, Is.EqualTo(new double[] { 0, 0, 0, 1, 1, 0, 1, 1 }));
        Assert.That(Refused(With("wide.npy")), Does.StartWith("my.json: inputs shape [4, 3] does not match layers[0].in_features 2"));
        Assert.That(Refused(With("nan.npy")), Does.StartWith("my.json: inputs 'inputs' holds NaN at [1, 1]"));
        Assert.That(Refused(With("complex.npy")), Does.StartWith("my.json: inputs.file 'complex.npy' cannot be read: dtype '<c16' is not one this reads"));
        Assert.That(Refused(With("short.npy")), Does.StartWith("my.json: inputs.file 'short.npy' cannot be read: shape (4, 2) of <f8 needs 64 bytes of data, the file has 8"));
        Assert.That(Refused(With("text.npy")), Does.StartWith("my.json: inputs.file 'text.npy' cannot be read: not a .npy file"));
        Assert.That(Refused(With("x.csv")), Does.StartWith("my.json: inputs.file 'x.csv' does not exist"));
    }

    [Test]
    public void Npy_ReadsFortranOrder_BigEndian_AndIntegers_AsNumPyMeansThem()
    {
        NpyWriter.Write(Path.Combine(_folder, "f.npy"), "<f8", [2, 3], [0, 3, 1, 4, 2, 5], fortran: true);   // [[0, 1, 2], [3, 4, 5]]
        NpyWriter.Write(Path.Combine(_folder, "b.npy"), ">f4", [2], [1.5, -2]);
        NpyWriter.Write(Path.Combine(_folder, "i.npy"), "<i8", [3], [7, -1, 0]);

        Assert.That(NpyFile.Read(Path.Combine(_folder, "f.npy")).Values, Is.EqualTo(new double[] { 0, 1, 2, 3, 4, 5 }));
        Assert.That(NpyFile.Read(Path.Combine(_folder, "b.npy")).Values, Is.EqualTo(new double[] { 1.5, -2 }));
        Assert.That(NpyFile.Read(Path.Combine(_folder, "i.npy")).Values, Is.EqualTo(new double[] { 7, -1, 0 }));
    }

    [Test]
    public void TwoFilesWithOneId_AreRefused_NamingBoth()
    {
        Write("a.json", Valid);
        Write("b.json", Valid);

        var error = Assert.Throws<BadInputException>(() => ScenarioFile.LoadFolder(_folder))!;
        Assert.That(error.Message, Is.EqualTo($"{Path.Combine(_folder, "b.json")}: id 'mine-float64' is also defined by {Path.Combine(_folder, "a.json")}; give each scenario its own id"));
    }

    [Test]
    public void TheProgram_GivesABadFileOneLine_AndExitCodeTwo_ForEveryVerbThatTakesScenarios()
    {
        string bad = Write("bad.json", Valid.Replace("{\"kind\": \"tanh\"}", "{\"kind\": \"gelu\"}"));
        foreach (string verb in new[] { "run", "regen", "check-fixtures", "gradcheck", "tolerances", "list" })
        {
            var (exitCode, _, error) = Cli.ProgramTests.RunCaptured(verb, bad);
            Assert.That(exitCode, Is.EqualTo(Program.BadInput), verb);
            Assert.That(error.Trim(), Is.EqualTo($"error: {bad}: layers[1].kind 'gelu' is not a layer kind; known: linear, relu, sigmoid, tanh"), verb);
        }
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { bad }), "nothing written");
    }

    [Test]
    public void AFileScenario_RunsRegeneratesAndChecks_WithItsFixtureBesideIt()
    {
        string file = Write("mine.json", Valid);

        Assert.That(Cli.ProgramTests.RunCaptured("run", file).ExitCode, Is.EqualTo(Program.Disagree), "no fixture yet");
        Assert.That(Cli.ProgramTests.RunCaptured("regen", file).ExitCode, Is.EqualTo(Program.Agree));
        Assert.That(File.Exists(Path.Combine(_folder, "mine-float64.safetensors")) && File.Exists(Path.Combine(_folder, "mine-float32.safetensors")));
        Assert.That(Cli.ProgramTests.RunCaptured("run", file).ExitCode, Is.EqualTo(Program.Agree));
        Assert.That(Cli.ProgramTests.RunCaptured("check-fixtures", file).ExitCode, Is.EqualTo(Program.Agree));

        // A new description leaves the fixtures current; a new learning rate does not.
        Write("mine.json", Valid.Replace("a test network", "renamed"));
        Assert.That(Cli.ProgramTests.RunCaptured("check-fixtures", file).ExitCode, Is.EqualTo(Program.Agree));
        Write("mine.json", Valid.Replace("\"learning_rate\": 0.5", "\"learning_rate\": 0.25"));
        var (exitCode, output, _) = Cli.ProgramTests.RunCaptured("check-fixtures", file);
        Assert.That(exitCode, Is.EqualTo(Program.Disagree));
        Assert.That(output, Does.Contain("stale: recorded for another spec (optimizer.learning_rate 0.5 → 0.25)"));
    }

    [Test]
    public void ScenariosFolder_ReplacesTheBuiltIns_AndIdsChooseAmongIt()
    {
        Write("mine.json", Valid);
        Write("other.json", Valid.Replace("\"id\": \"mine\"", "\"id\": \"other\""));

        Assert.That(ScenarioSelection.Resolve([], [_folder]).Select(s => s.Id), Is.EqualTo(new[] { "mine-float64", "mine-float32", "other-float64", "other-float32" }));
        Assert.That(ScenarioSelection.Resolve(["other-float32"], [_folder]).Single().Id, Is.EqualTo("other-float32"));
        Assert.That(ScenarioSelection.Resolve([_folder, "three-input-neuron-float64"]).Select(s => s.Id),
            Is.EqualTo(new[] { "three-input-neuron-float64", "mine-float64", "mine-float32", "other-float64", "other-float32" }));
    }
}

/// <summary>Writes .npy files for the tests: version 1.0, a dict header padded to 64 bytes, raw data.</summary>
internal static class NpyWriter
{
    public static byte[] Header(string descr, int[] shape, bool fortran = false)
    {
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': ({dims}), }}";
        int total = 10 + dict.Length + 1;
        dict = dict.PadRight(dict.Length + (64 - total % 64) % 64) + "\n";
        var header = new List<byte> { 0x93 };
        header.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        header.AddRange([1, 0]);
        header.AddRange(BitConverter.GetBytes((ushort)dict.Length));
        header.AddRange(Encoding.Latin1.GetBytes(dict));
        return [.. header];
    }

    public static void Write(string path, string descr, int[] shape, double[] values, bool fortran = false)
    {
        var bytes = new List<byte>(Header(descr, shape, fortran));
        foreach (double value in values)
        {
            byte[] one = descr[1..] switch
            {
                "f8" => BitConverter.GetBytes(value),
                "f4" => BitConverter.GetBytes((float)value),
                "i8" => BitConverter.GetBytes((long)value),
                _ => throw new ArgumentException(descr),
            };
            if (descr[0] == '>') Array.Reverse(one);
            bytes.AddRange(one);
        }
        File.WriteAllBytes(path, [.. bytes]);
    }
}
