using BackpropParity.Harness.Safetensors;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Models;
using BackpropParity.TorchRef;
using static TorchSharp.torch;

namespace BackpropParity.Harness.Tests.Safetensors;

public sealed class StateDictTests
{
    private string _path = "";

    [SetUp]
    public void ChoosePath() => _path = Path.Combine(Path.GetTempPath(), $"state-dict-{Guid.NewGuid():N}.safetensors");

    [TearDown]
    public void DeleteFile() => File.Delete(_path);

    private static Sequential<double> ManualModel()
    {
        var fc1 = new Linear<double>("fc1", 3, 2);
        var fc2 = new Linear<double>("fc2", 2, 1);
        for (int i = 0; i < 6; i++) fc1.Weight.Value.Data[i] = 0.1 * (i + 1);
        fc1.Bias.Value.Data[1] = -0.5;
        fc2.Weight.Value.Data[0] = 2.0;
        return new Sequential<double>(fc1, new ReLU<double>("relu1"), fc2);
    }

    private static TorchSequentialModel TorchModel(ScalarType dtype = ScalarType.Float64) =>
        new TorchSequentialModel(dtype).AddLinear("fc1", 3, 2).AddReLU("relu1").AddLinear("fc2", 2, 1);

    [Test]
    public void ManualModel_SavedAndLoadedIntoTorch_HasTheSameParameters()
    {
        var manual = ManualModel();
        StateDict.Save(manual, _path);
        using var torchModel = TorchModel();

        StateDict.Load(torchModel, _path);

        var weight = torchModel.named_parameters().Single(p => p.name == "fc1.weight").parameter;
        Assert.That(weight.shape, Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(weight.data<double>().ToArray(), Is.EqualTo(manual.Parameters[0].Value.Data));
    }

    [Test]
    public void TorchModule_SavedAndLoadedIntoManual_HasTheSameParameters()
    {
        using var torchModel = TorchModel();
        StateDict.Save(torchModel, _path);
        var manual = ManualModel();

        StateDict.Load(manual, _path);

        foreach (var (name, parameter) in torchModel.named_parameters())
            Assert.That(manual.Parameters.Single(p => p.Name == name).Value.Data, Is.EqualTo(parameter.data<double>().ToArray()), name);
    }

    [Test]
    public void Float32Module_IsSavedAsF32()
    {
        using var torchModel = TorchModel(ScalarType.Float32);

        StateDict.Save(torchModel, _path);

        Assert.That(SafetensorsReader.Read(_path).Tensors.Select(t => t.DType), Is.All.EqualTo(SafetensorsDType.F32));
    }

    [Test]
    public void StateDictOfAnotherModel_IsRejectedNamingWhatIsMissingAndExtra()
    {
        StateDict.Save(ManualModel(), _path);
        var other = new Sequential<double>(new Linear<double>("fc1", 3, 2), new Linear<double>("fc3", 2, 1));

        var error = Assert.Throws<SafetensorsFormatException>(() => StateDict.Load(other, _path));
        Assert.That(error!.Problem, Is.EqualTo("state dict does not fit the model: missing fc3.weight, fc3.bias; unexpected fc2.weight, fc2.bias"));
    }

    [Test]
    public void StateDictWithAWrongShape_IsRejected()
    {
        StateDict.Save(ManualModel(), _path);
        var other = new Sequential<double>(new Linear<double>("fc1", 2, 3), new Linear<double>("fc2", 3, 1));

        var error = Assert.Throws<SafetensorsFormatException>(() => StateDict.Load(other, _path));
        Assert.That(error!.Problem, Is.EqualTo("'fc1.weight' is [2, 3], the model's is [3, 2]"));
    }
}
