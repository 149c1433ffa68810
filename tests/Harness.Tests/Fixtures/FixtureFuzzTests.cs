using System.Buffers.Binary;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Tests.Fixtures;

/// <summary>
/// Random byte mutations of real fixtures, each loaded as <c>run</c> and <c>check-fixtures</c> load it and, when it
/// is accepted, compared over the whole scenario: every mutant is either rejected with a fixture problem or compared
/// without an exception. Fixed seeds, fixed counts; the mutants that are accepted carry values a damaged file could
/// carry (NaN, ±Inf, huge, subnormal), so the comparison meets them too.
/// </summary>
public sealed class FixtureFuzzTests
{
    private string _directory = "";

    [SetUp]
    public void CreateScratchFolder() => _directory = Directory.CreateTempSubdirectory("fuzz").FullName;

    [TearDown]
    public void DeleteScratchFolder() => Directory.Delete(_directory, recursive: true);

    [TestCase("three-input-neuron-float64", 20261201, false, 150)]
    [TestCase("three-input-neuron-float64", 20261202, true, 150)]
    [TestCase("three-input-neuron-widget-float32", 20261203, false, 150)]
    [TestCase("three-input-neuron-widget-float32", 20261204, true, 150)]
    [TestCase("graph-abcd", 20261205, false, 150)]
    [TestCase("graph-abcd", 20261206, true, 150)]
    [TestCase("xor-tanh-2-3-1-float32", 20261207, false, 25)]   // 500 steps, most of them stored by their loss alone
    public void MutatedFixtures_AreRejectedOrCompared_NeverAnException(string id, int seed, bool headerOnly, int mutants)
    {
        var scenario = ScenarioCatalog.Select([id]).Single();
        byte[] original = File.ReadAllBytes(FixtureStore.Locate().PathFor(id));
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(original);
        var random = new Random(seed);
        var store = new FixtureStore(_directory);
        string path = store.PathFor(id);
        int rejected = 0, compared = 0;

        for (int trial = 0; trial < mutants; trial++)
        {
            byte[] bytes = (byte[])original.Clone();
            int changes = 1 + random.Next(4);
            for (int c = 0; c < changes; c++)
            {
                // In the header, a digit becomes another digit (a shape, an offset, a step, a spec number changes and the
                // JSON stays valid) or any byte changes; in the data, a bit flips or a byte changes (any value, NaN too).
                int at = headerOnly ? 8 + random.Next(headerEnd - 8) : headerEnd + random.Next(bytes.Length - headerEnd);
                bytes[at] = headerOnly && char.IsAsciiDigit((char)bytes[at]) && random.Next(4) > 0 ? (byte)('0' + random.Next(10))
                    : random.Next(3) == 0 ? (byte)random.Next(256) : (byte)(bytes[at] ^ (1 << random.Next(8)));
            }
            File.WriteAllBytes(path, bytes);

            var (fixture, problems) = FixtureLoader.Load(scenario, store);
            if (fixture is null)
            {
                Assert.That(problems, Is.Not.Empty, $"trial {trial}: rejected without a reason");
                Assert.That(problems, Has.All.StartWith(path), $"trial {trial}: every problem names the file");
                rejected++;
                continue;
            }
            var result = ParityCheck.Run(scenario, fixture, fixtureProblems: problems);
            Assert.That(result.Error, Is.Null, $"trial {trial}: the comparison threw");
            Assert.That(result.Pair(ParityCheck.ManualVersusTorch).Passed, Is.True, $"trial {trial}: the code was blamed for a damaged fixture");
            compared++;
        }

        TestContext.Out.WriteLine($"{id}, {(headerOnly ? "header" : "data")}: {rejected} rejected, {compared} accepted and compared");
        Assert.That(rejected, Is.GreaterThan(0));
        Assert.That(compared + rejected, Is.EqualTo(mutants));
    }
}
