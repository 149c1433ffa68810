using System.Globalization;
using BackpropParity.Harness.Scenarios.Files;

namespace BackpropParity.Cli;

/// <summary>
/// The starter scenario files <c>new</c> writes: each a complete, commented scenario file (format
/// backprop-parity-scenario/1) that runs as written, with the numbers a user is most likely to change called out.
/// </summary>
public static class ScenarioTemplates
{
    /// <summary>What the command line may change in a template; null keeps the template's own value.</summary>
    public sealed record Choices(int? Hidden = null, string? Optimizer = null, double? LearningRate = null, int? Steps = null);

    private sealed record Template(string Name, string Summary, int Hidden, double LearningRate, int Steps, Func<string, Choices, string> Write);

    private static readonly Template[] All =
    [
        new("spiral", "a 2-H-1 ReLU/sigmoid classifier on the project's two-arm spiral (drawn by a seeded generator)", 16, 0.5, 1000, Spiral),
        new("xor", "a 2-H-1 tanh/sigmoid network on the four XOR points, written inline, weights from np.random.seed", 3, 0.5, 500, Xor),
        new("mnist-shaped", "a 784-H-H-10 ReLU classifier on 128 synthetic 28x28 images, softmax cross-entropy", 64, 0.1, 5, MnistShaped),
        new("files", "your own data and starting weights: inputs.npy, targets.npy and a torch.save state dict init.pt beside the file", 16, 0.1, 100, Files),
    ];

    public static IEnumerable<string> Names => All.Select(t => t.Name);

    public static string Summaries => string.Join("\n", All.Select(t => $"  {t.Name,-13} {t.Summary}"));

    public static string Text(string name, string id, Choices choices)
    {
        var template = All.FirstOrDefault(t => t.Name == name)
            ?? throw new BadInputException($"new {name}: no such template; known: {string.Join(", ", Names)}");
        if (choices.Optimizer is string optimizer && optimizer != "sgd")
            throw new BadInputException($"--optimizer {optimizer}: not an optimizer this runs; known: sgd");
        if (choices.Hidden is < 1) throw new BadInputException($"--hidden {choices.Hidden}: give a width of at least 1");
        if (choices.Steps is < 1) throw new BadInputException($"--steps {choices.Steps}: give at least 1 step");
        if (choices.LearningRate is double lr && !(lr > 0 && double.IsFinite(lr))) throw new BadInputException($"--lr {lr}: give a positive learning rate");
        var resolved = new Choices(choices.Hidden ?? template.Hidden, "sgd", choices.LearningRate ?? template.LearningRate, choices.Steps ?? template.Steps);
        return template.Write(id, resolved);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // The part every template shares: format, id, dtype, and the training loop's numbers.
    private static string Head(string id, string description, Choices c, string loss) => $$"""
        // A BackpropParity scenario file: docs/scenario-files.md has every field.
        // Check it:    backprop-parity list {{id}}.json
        // Record it:   backprop-parity regen {{id}}.json     (TorchSharp's run, stored beside this file)
        // Compare:     backprop-parity run {{id}}.json
        {
          "format": "{{ScenarioFile.Format}}",
          "id": "{{id}}",
          "description": "{{description}}",
          // One dtype ("float64") or both: each gets its own id suffix, -float64 and -float32.
          "dtype": ["float64", "float32"],
          "loss": "{{loss}}",
          "optimizer": {"kind": "{{c.Optimizer}}", "learning_rate": {{Number(c.LearningRate!.Value)}}},
          "steps": {{c.Steps}},
        """;

    private static string Spiral(string id, Choices c) => Head(id, $"2-{c.Hidden}-1 ReLU/sigmoid on a two-arm spiral", c, "binary_cross_entropy") + $$"""

          // Layers in order, as torch.nn.Sequential would hold them. Unnamed layers are named fc1, relu1, fc2, sigmoid2:
          // the parameters are then fc1.weight [out, in], fc1.bias, ... (PyTorch's names and layout).
          "layers": [
            {"kind": "linear", "in_features": 2, "out_features": {{c.Hidden}}},
            {"kind": "relu"},
            {"kind": "linear", "in_features": {{c.Hidden}}, "out_features": 1},
            {"kind": "sigmoid"}
          ],
          // A seeded generator draws the data and the starting weights (N(0, 1)·weight_scale, biases zero).
          "generator": {"name": "spiral", "seed": 42, "classes": 2, "points_per_class": 100, "noise": 0.2, "weight_scale": 0.5}
        }

        """;

    private static string Xor(string id, Choices c) => Head(id, $"2-{c.Hidden}-1 tanh/sigmoid on XOR", c, "half_squared_error") + $$"""

          "layers": [
            {"kind": "linear", "in_features": 2, "out_features": {{c.Hidden}}},
            {"kind": "tanh"},
            {"kind": "linear", "in_features": {{c.Hidden}}, "out_features": 1},
            {"kind": "sigmoid"}
          ],
          // Data written inline: one row per sample.
          "inputs": [[0, 0], [0, 1], [1, 0], [1, 1]],
          "targets": [[0], [1], [1], [0]],
          // Weights as np.random.seed(1); np.random.randn(out, in) * 0.5 per linear layer; biases zero.
          // Or give them yourself: "parameters": {"fc1.weight": [[...], ...], "fc1.bias": [...], ...}
          "generator": {"name": "numpy-randn", "seed": 1, "scale": 0.5}
        }

        """;

    private static string MnistShaped(string id, Choices c) => Head(id, $"784-{c.Hidden}-{c.Hidden}-10 ReLU on synthetic 28x28 images", c, "softmax_cross_entropy") + $$"""

          // softmax_cross_entropy takes raw scores (no activation after the last layer) and class indices as targets.
          "layers": [
            {"kind": "linear", "in_features": 784, "out_features": {{c.Hidden}}},
            {"kind": "relu"},
            {"kind": "linear", "in_features": {{c.Hidden}}, "out_features": {{c.Hidden}}},
            {"kind": "relu"},
            {"kind": "linear", "in_features": {{c.Hidden}}, "out_features": 10}
          ],
          // 128 images, each 0.6 x its class's prototype + 0.4 x noise; weights as torch.nn.Linear starts them.
          "generator": {"name": "mnist-shaped", "seed": 784, "batch": 128}
        }

        """;

    private static string Files(string id, Choices c) => Head(id, $"4-{c.Hidden}-1 ReLU/sigmoid on my own data", c, "binary_cross_entropy") + $$"""

          "layers": [
            {"kind": "linear", "in_features": 4, "out_features": {{c.Hidden}}},
            {"kind": "relu"},
            {"kind": "linear", "in_features": {{c.Hidden}}, "out_features": 1},
            {"kind": "sigmoid"}
          ],
          // Files beside this one. From Python:
          //   np.save("inputs.npy", X)      # [batch, 4]
          //   np.save("targets.npy", y)     # [batch, 1]
          //   model = torch.nn.Sequential(OrderedDict(fc1=nn.Linear(4, {{c.Hidden}}), relu1=nn.ReLU(), fc2=nn.Linear({{c.Hidden}}, 1), sigmoid2=nn.Sigmoid()))
          //   torch.save(model.state_dict(), "init.pt")
          // Also read: .npz with "key", .safetensors, {"file": "w.npy", "transpose": true} for a weight stored [in, out].
          "inputs": {"file": "inputs.npy"},
          "targets": {"file": "targets.npy"},
          "parameters": {"file": "init.pt"}
        }

        """;
}
