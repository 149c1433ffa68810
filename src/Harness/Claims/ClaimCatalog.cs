using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Scalar;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Claims;

/// <summary>
/// Every number and checkable statement the five lessons print, each with its file, its exact words, and how it is
/// computed from a scenario. Numbers are compared at the precision printed. A claim the suite finds wrong is a
/// finding about the lesson, explained in its note, not a failure of the suite.
/// </summary>
public static class ClaimCatalog
{
    public const string Lesson8 = "000_1642f2c5fb8d5608.txt";             // Lesson 8: Backpropagation — the Error Flows Backwards
    public const string SpiralLesson = "001_11758226f4cac60c.txt";        // How It Actually Learns
    public const string Backpropagation = "002_b9b5171c1f5fd6f6.txt";     // Backpropagation: the chain rule, made mechanical
    public const string ChainRuleSummary = "003_6c68197598693f65.txt";    // Summary: Backpropagation and the chain rule
    public const string NumPyNeuron = "004_597e99762c9f48b7.txt";         // 14.4 Backpropagation: The Chain Rule at Scale

    private const string L8 = "lesson8-neuron-x1", L8X2 = "lesson8-neuron-x2", Sin = "sin-square-affine", Chain = "chain-no-activation";
    private const string Widget = "three-input-neuron-widget-float64", Python51 = "three-input-neuron-51-float64", Torch51 = "three-input-neuron-51-float32";

    public static IReadOnlyList<Claim> All { get; } =
    [
        // ---- Lesson 8 (000): one neuron, x = 1, y = 1, w = 0.5, b = 0, L = (a − y)² ----
        Number("l8-dLda-in-text", Lesson8, "at our numbers 2(a − y) = −0.755081", "−0.755081", c => c.Run(L8).Value(0, "dact/a")),
        Number("l8-dLda-measured", Lesson8, "measuring L just before and just after a tiny nudge of a gives −0.755081 too", "−0.755081",
            c => CentralDifference(a => (a - 1.0) * (a - 1.0), c.Run(L8).Value(0, "act/a")), "measured here by central differences, a ± 1e-5."),
        Number("l8-sigmoid-slope", Lesson8, "at z = 0.5, σ(z)(1 − σ(z)) = 0.2350037", "0.2350037", c => SigmoidSlope(c.Run(L8).Value(0, "act/a"))),
        Number("l8-sigmoid-slope-measured", Lesson8, "nudging z and re-measuring σ gives 0.2350037", "0.2350037",
            c => CentralDifference(Sigmoid, c.Run(L8).Value(0, "act/z")), "measured here by central differences, z ± 1e-5."),
        Number("l8-z", Lesson8, "z = 0.5·1.0 + 0.0 = 0.5", "0.5", c => c.Run(L8).Value(0, "act/z")),
        Number("l8-a", Lesson8, "a = σ(0.5) = 0.622459", "0.622459", c => c.Run(L8).Value(0, "act/a")),
        Number("l8-L", Lesson8, "L = (0.622459 − 1)² = 0.142537", "0.142537", c => c.Run(L8).Value(0, "loss")),
        Number("l8-dLda", Lesson8, "dL/da = 2(0.622459 − 1) = −0.755081", "−0.755081", c => c.Run(L8).Value(0, "dact/a")),
        Number("l8-dadz", Lesson8, "da/dz = 0.622459·(1 − 0.622459) = 0.235004", "0.235004", c => SigmoidSlope(c.Run(L8).Value(0, "act/a"))),
        Number("l8-dzdw", Lesson8, "dz/dw = x = 1.0   ·   dz/db = 1.0", "1.0", c => c.Run(L8).Value(0, "grad/w") / c.Run(L8).Value(0, "dact/z"),
            "dz/dw read off the run as (dL/dw)/(dL/dz)."),
        Number("l8-dLdw", Lesson8, "dL/dw = (−0.755081)·(0.235004)·(1.0) = −0.177447", "−0.177447", c => c.Run(L8).Value(0, "grad/w")),
        Number("l8-dLdb", Lesson8, "dL/db = (−0.755081)·(0.235004)·(1.0) = −0.177447", "−0.177447", c => c.Run(L8).Value(0, "grad/b")),
        new("l8-a-below-target", Lesson8, "Our activation 0.622 is below the target 1.0", "0.622", c =>
        {
            double a = c.Run(L8).Value(0, "act/a");
            var (computed, verdict, note) = PrintedNumber.Check(a, "0.622");
            return (computed, verdict == Verdict.Holds && a < 1.0 ? Verdict.Holds : Verdict.Wrong, note);
        }),
        Number("l8-x2-z", Lesson8, "the shared part recomputes through z = 1.0", "1.0", c => c.Run(L8X2).Value(0, "act/z")),
        Number("l8-x2-dLdw", Lesson8, "giving dL/dw = −0.211508", "−0.211508", c => c.Run(L8X2).Value(0, "grad/w")),
        Number("l8-x2-dLdb", Lesson8, "but dL/db = −0.105754", "−0.105754", c => c.Run(L8X2).Value(0, "grad/b")),
        Number("l8-code-z", Lesson8, "let z = w * x + b         // 0.5", "0.5", c => c.Run(L8).Value(0, "act/z")),
        Prefix("l8-code-a", Lesson8, "let a = sigmoid(z)        // 0.622459...", "0.622459", c => c.Run(L8).Value(0, "act/a")),
        Prefix("l8-code-L", Lesson8, "let L = (a - y) * (a - y) // 0.142537...", "0.142537", c => c.Run(L8).Value(0, "loss")),
        Prefix("l8-code-dLda", Lesson8, "let dL_da = 2 * (a - y)   // -0.755081...", "-0.755081", c => c.Run(L8).Value(0, "dact/a")),
        Prefix("l8-code-dadz", Lesson8, "let da_dz = a * (1 - a)   // sigmoid's slope = 0.235004...", "0.235004", c => SigmoidSlope(c.Run(L8).Value(0, "act/a"))),
        new("l8-code-print-chain", Lesson8, "print(dL_dw, dL_db)       // -0.17744691734927373 twice", "-0.17744691734927373", c =>
        {
            var run = c.Run(L8);
            string w = PrintedNumber.RoundTrip(run.Value(0, "grad/w")), b = PrintedNumber.RoundTrip(run.Value(0, "grad/b"));
            bool holds = w == "-0.17744691734927373" && b == w;
            return ($"{w} {b}", holds ? Verdict.Holds : Verdict.Wrong, holds ? "the exact double, printed twice" : "the program prints other digits.");
        }),
        new("l8-code-print-nudge", Lesson8, "print((LNudged - L) / eps)   // -0.1774461477838107", "-0.1774461477838107", c =>
        {
            string printed = PrintedNumber.RoundTrip(c.Run(L8).Value(0, "nudge/w"));
            bool holds = printed == "-0.1774461477838107";
            return (printed, holds ? Verdict.Holds : Verdict.Wrong,
                holds ? "the exact double the forward difference gives with eps = 1e-5" : "the forward difference with eps = 1e-5 prints other digits.");
        }),
        Number("l8-nudge-7", Lesson8, "The nudge experiment prints −0.1774461", "−0.1774461", c => c.Run(L8).Value(0, "nudge/w")),
        Number("l8-chain-7", Lesson8, "against the chain rule's −0.1774469", "−0.1774469", c => c.Run(L8).Value(0, "grad/w")),
        new("l8-six-digits", Lesson8, "the first six digits match", "6", c =>
        {
            var run = c.Run(L8);
            int digits = MatchingSignificantDigits(run.Value(0, "nudge/w"), run.Value(0, "grad/w"));
            return (digits.ToString(), digits >= 6 ? Verdict.Holds : Verdict.Wrong,
                $"{PrintedNumber.RoundTrip(run.Value(0, "nudge/w"))} and {PrintedNumber.RoundTrip(run.Value(0, "grad/w"))} share {digits} significant digits.");
        }),
        new("l8-shrink-eps", Lesson8, "(shrink eps and it gets closer)", "closer", c =>
        {
            double analytic = c.Run(L8).Value(0, "grad/w");
            double at5 = SigmoidNeuron.Evaluate(1.0, 1.0, 0.5, 0.0, 1e-5).Nudged[0].Value;
            double at6 = SigmoidNeuron.Evaluate(1.0, 1.0, 0.5, 0.0, 1e-6).Nudged[0].Value;
            double error5 = Math.Abs(at5 - analytic), error6 = Math.Abs(at6 - analytic);
            return (error6 < error5 ? "closer" : "not closer", error6 < error5 ? Verdict.Holds : Verdict.Wrong,
                $"error {error5:0.0e+00} at eps 1e-5, {error6:0.0e+00} at eps 1e-6 (forward differences; shrinking eps far below 1e-8 makes it worse again, as rounding takes over).");
        }),
        Number("l8-running-product", Lesson8, "the same running product dL/da · da/dz = −0.177447", "−0.177447", c => c.Run(L8).Value(0, "dact/z")),
        new("l8-nudge-z-by-0.01", Lesson8, "Nudge w by 0.01 and z moves by 0.01·x", "0.01", c =>
        {
            double moved = SigmoidNeuron.Evaluate(1.0, 1.0, 0.51, 0.0, 1e-5).Forward[0].Value - c.Run(L8).Value(0, "act/z");
            return PrintedNumber.Check(moved / 1.0, "0.01", "z moved by 0.01·x with x = 1.");
        }),

        // ---- Backpropagation (002): the chain rule widget, L = sin((3x + 2)²) at x = 0.4 ----
        Number("bp-sin-x", Backpropagation, "x input value 0.4000", "0.4000", c => c.Run(Sin).Scenario.InitialParameters[0].Values[0]),
        Number("bp-sin-u", Backpropagation, "u = 3x + 2 affine value 3.2000", "3.2000", c => c.Run(Sin).Value(0, "act/u")),
        Number("bp-sin-v", Backpropagation, "v = u² square value 10.2400", "10.2400", c => c.Run(Sin).Value(0, "act/v")),
        Number("bp-sin-L", Backpropagation, "L = sin(v) loss value -0.7279", "-0.7279", c => c.Run(Sin).Value(0, "loss")),
        Number("bp-sin-dudx", Backpropagation, "du/dx 3", "3", c => c.Run(Sin).Value(0, "grad/x") / c.Run(Sin).Value(0, "dact/u")),
        Number("bp-sin-dvdu", Backpropagation, "dv/du = 2u 6.4000", "6.4000", c => c.Run(Sin).Value(0, "dact/u") / c.Run(Sin).Value(0, "dact/v")),
        Number("bp-sin-cos-v", Backpropagation, "dL/dv = cos v -0.6857", "-0.6857", c => c.Run(Sin).Value(0, "dact/v")),
        Number("bp-sin-dLdx", Backpropagation, "dL/dx -13.1656", "-13.1656", c => c.Run(Sin).Value(0, "grad/x")),
        Number("bp-sin-dLdu", Backpropagation, "dL/du = dL/dv · dv/du -4.3885", "-4.3885", c => c.Run(Sin).Value(0, "dact/u")),
        Number("bp-sin-dLdL", Backpropagation, "dL/dL 1.0000", "1.0000", c => c.Run(Sin).Value(0, "dact/v") / Math.Cos(c.Run(Sin).Value(0, "act/v")),
            "the gradient backward starts from: dL/dv divided by the local slope cos v."),
        Number("bp-sin-restated", Backpropagation, "= -0.6857 · 6.4000 · 3 = -13.1656", "-13.1656", c => c.Run(Sin).Value(0, "grad/x"),
            "right at full precision; the rounded factors as printed multiply to −13.1654."),

        // ---- Backpropagation (002): the one-step widget of the three-input neuron ----
        Number("bp-widget-xw1", Backpropagation, "x·w=0.80·0.200=0.160", "0.160", c => Input(c, Widget, 0) * Weight(c, Widget, 0)),
        Number("bp-widget-xw2", Backpropagation, "x·w=-0.40·-0.100=0.040", "0.040", c => Input(c, Widget, 1) * Weight(c, Widget, 1)),
        Number("bp-widget-xw3", Backpropagation, "x·w=1.20·0.300=0.360", "0.360", c => Input(c, Widget, 2) * Weight(c, Widget, 2)),
        Number("bp-widget-z", Backpropagation, "z=0.6600", "0.6600", c => c.Run(Widget).Value(0, "act/fc1")),
        Number("bp-widget-yhat", Backpropagation, "ŷ = σ(z)=0.6593", "0.6593", c => c.Run(Widget).Value(0, "act/sigmoid1")),
        Number("bp-widget-L", Backpropagation, "L=0.0581", "0.0581", c => c.Run(Widget).Value(0, "loss")),
        Number("bp-widget-dLdyhat", Backpropagation, "dL/dŷ=ŷ − y-0.3407", "-0.3407", c => c.Run(Widget).Value(0, "dact/sigmoid1")),
        Number("bp-widget-dyhatdz", Backpropagation, "dŷ/dz=σ(z)(1−σ(z))0.2246", "0.2246", c => SigmoidSlope(c.Run(Widget).Value(0, "act/sigmoid1"))),
        Number("bp-widget-dLdz", Backpropagation, "dL/dz=(dL/dŷ)(dŷ/dz)-0.0765", "-0.0765", c => c.Run(Widget).Value(0, "dact/fc1")),
        Number("bp-widget-dLdw1", Backpropagation, "dL/dw₁=(dL/dz)·x₁-0.0612", "-0.0612", c => c.Run(Widget).Value(0, "grad/fc1.weight", 0)),
        Number("bp-widget-dLdw2", Backpropagation, "dL/dw₂=(dL/dz)·x₂0.0306", "0.0306", c => c.Run(Widget).Value(0, "grad/fc1.weight", 1)),
        Number("bp-widget-dLdw3", Backpropagation, "dL/dw₃=(dL/dz)·x₃-0.0919", "-0.0919", c => c.Run(Widget).Value(0, "grad/fc1.weight", 2)),
        Number("bp-widget-dLdb", Backpropagation, "dL/db=dL/dz-0.0765", "-0.0765", c => c.Run(Widget).Value(0, "grad/fc1.bias")),
        Number("bp-widget-new-w1", Backpropagation, "w0.2000.50 · -0.06120.231", "0.231", c => c.Run(Widget).Value(0, "param/fc1.weight", 0)),
        Number("bp-widget-new-w2", Backpropagation, "w-0.1000.50 · 0.0306-0.115", "-0.115", c => c.Run(Widget).Value(0, "param/fc1.weight", 1)),
        Number("bp-widget-new-w3", Backpropagation, "w0.3000.50 · -0.09190.346", "0.346", c => c.Run(Widget).Value(0, "param/fc1.weight", 2)),
        Number("bp-widget-new-b", Backpropagation, "b0.1000.50 · -0.07650.138", "0.138", c => c.Run(Widget).Value(0, "param/fc1.bias")),
        Number("bp-widget-panel-yhat", Backpropagation, "ŷ0.6593", "0.6593", c => c.Run(Widget).Value(0, "act/sigmoid1")),
        Number("bp-widget-panel-loss", Backpropagation, "loss0.0581", "0.0581", c => c.Run(Widget).Value(0, "loss")),

        // ---- Backpropagation (002): the pure-Python loop, 51 updates in float64 ----
        Number("bp-python-step0", Backpropagation, "step 0: loss=0.3263", "0.3263", c => c.Run(Python51).Losses[0],
            wrongNote: "step 0 runs the starting parameters, the same as the widget above, whose L = 0.0581 the lesson shows itself; no step of this run has loss 0.3263 (it starts at 0.0581 and only falls). The printed output does not come from the code beside it."),
        Number("bp-python-step20", Backpropagation, "step 20: loss=0.0091", "0.0091", c => c.Run(Python51).Losses[20],
            wrongNote: "the printed losses do not come from the code beside them (see step 0)."),
        Number("bp-python-step40", Backpropagation, "step 40: loss=0.0026", "0.0026", c => c.Run(Python51).Losses[40],
            wrongNote: "the printed losses do not come from the code beside them (see step 0)."),
        Number("bp-python-final-yhat", Backpropagation, "final yhat = 0.9282", "0.9282", c => c.Run(Python51).Value(50, "act/sigmoid1"),
            "yhat from the last pass through the loop (step 50), computed before that step's update.",
            "yhat from the last pass through the loop (step 50), computed before that step's update; the printed output does not come from this code."),

        // ---- Backpropagation (002): the PyTorch loop, 51 updates in float32 ----
        Number("bp-pytorch-step0", Backpropagation, "step 0: loss=0.3263", "0.3263", c => c.Run(Torch51).Losses[0],
            wrongNote: "in float32, as torch.tensor makes it; the same starting point as the widget (L = 0.0581)."),
        Number("bp-pytorch-step20", Backpropagation, "step 20: loss=0.0091", "0.0091", c => c.Run(Torch51).Losses[20],
            wrongNote: "in float32; the printed output does not come from the code beside it."),
        new("bp-pytorch-prints", Backpropagation, "stdout\nstep 0: loss=0.3263\nstep 20: loss=0.0091\nfinal yhat = 0.9282", "steps 0, 20", c =>
        {
            var printedSteps = Enumerable.Range(0, c.Run(Torch51).Losses.Length).Where(step => step % 20 == 0).ToList();
            string computed = "steps " + string.Join(", ", printedSteps);
            return (computed, computed == "steps 0, 20" ? Verdict.Holds : Verdict.Wrong,
                "for step in range(51) with `if step % 20 == 0` prints steps 0, 20 and 40; the stdout shown has no step 40 line (the pure-Python stdout above has it).");
        }),
        Number("bp-pytorch-final-yhat", Backpropagation, "final yhat = 0.9282", "0.9282", c => c.Run(Torch51, steps: 52).Value(51, "act/sigmoid1"),
            "model(x) after all 51 updates, in float32 (the pure-Python loop prints the yhat from before its last update).",
            "model(x) after all 51 updates, in float32; the pure-Python loop's final yhat is taken before its last update, so the two programs cannot print the same value, and neither matches 0.9282."),
        new("bp-autograd-identical", Backpropagation, "autograd computes identical values from the forward expression", "identical", c =>
        {
            var (maximum, equal, total) = LessonNumPyGradientsVersusTorch("three-input-neuron-float64");
            return (maximum == 0 ? "identical" : $"within {maximum} ulps", maximum == 0 ? Verdict.Holds : Verdict.Wrong,
                $"the NumPy layer's formulas ((ŷ − y)/N · ŷ(1 − ŷ), then X.T @ dL_dz), evaluated from torch's parameters at each of the 50 steps, against " +
                $"torch's autograd: {equal} of {total} gradient values bit-identical" + (maximum == 0 ? "." :
                $", the rest within {maximum} ulps (torch multiplies the sigmoid's slope as grad·(1 − ŷ)·ŷ, rounding differently). Equal to rounding, not identical."));
        }),

        // ---- Backpropagation (002): XOR with one neuron, 2000 steps ----
        new("bp-xor-floor", Backpropagation, "It will not drop below about 0.125", "0.125", c =>
        {
            double lowest = c.Run("xor-one-neuron-float64").Losses.Min();
            bool holds = lowest >= 0.125 * 0.95;
            return (PrintedNumber.Format(lowest, "0.1250"), holds ? Verdict.Holds : Verdict.Wrong,
                $"the lowest loss over the 2000 steps is {lowest:0.######} (“about” taken as within 5%).");
        }),
        new("bp-xor-accuracy", Backpropagation, "that's the ceiling one neuron can reach on XOR (75% accuracy)", "75%", c =>
        {
            var run = c.Run("xor-one-neuron-float64");
            double accuracy = Accuracy(run.Tensor(run.LastStep, "act/sigmoid1"), run.Scenario.Targets.Values);
            string computed = $"{accuracy * 100:0}%";
            return (computed, computed == "75%" ? Verdict.Holds : Verdict.Wrong,
                $"accuracy (ŷ > 0.5) at step 2000 is {computed}; outputs {string.Join(", ", run.Tensor(run.LastStep, "act/sigmoid1").Select(v => v.ToString("0.###")))} for targets 0, 1, 1, 0.");
        }),
        Unverifiable("bp-xor-ceiling", Backpropagation, "that's the ceiling one neuron can reach on XOR", "0.125",
            "a statement about every possible weight, not about one run; the run above (xor-one-neuron) is consistent with it."),
        Unverifiable("bp-delta-cost", Backpropagation, "computing every δ costs about the same as the forward pass itself — linear in the size of the graph", "",
            "a statement about operation counts in general; the suite measures values, not costs."),

        // ---- Summary: backpropagation and the chain rule (003): a0 = 1, w1 = 2, w2 = 3, w3 = 0.5, y = 2 ----
        Number("cr-a1", ChainRuleSummary, "a forward pass of a1=2", "2", c => c.Run(Chain).Value(0, "act/a1")),
        Number("cr-a2", ChainRuleSummary, "a2=6", "6", c => c.Run(Chain).Value(0, "act/a2")),
        Number("cr-a3", ChainRuleSummary, "a3=3", "3", c => c.Run(Chain).Value(0, "act/a3")),
        Number("cr-cost", ChainRuleSummary, "cost 1", "1", c => c.Run(Chain).Value(0, "loss")),
        new("cr-factors", ChainRuleSummary, "dC/dw1 = (dC/da3)·(da3/da2)·(da2/da1)·(da1/dw1) = 2 · 0.5 · 3 · 1", "2 · 0.5 · 3 · 1", c =>
        {
            var run = c.Run(Chain);
            double dCda3 = run.Value(0, "dact/a3"), dCda2 = run.Value(0, "dact/a2"), dCda1 = run.Value(0, "dact/a1");
            string computed = string.Join(" · ", new[] { dCda3, dCda2 / dCda3, dCda1 / dCda2, run.Value(0, "grad/w1") / dCda1 }.Select(PrintedNumber.RoundTrip));
            return (computed, computed == "2 · 0.5 · 3 · 1" ? Verdict.Holds : Verdict.Wrong, "each factor read off the run as a ratio of successive gradients.");
        }),
        Number("cr-dCdw1", ChainRuleSummary, "= 2 · 0.5 · 3 · 1 = 3", "3", c => c.Run(Chain).Value(0, "grad/w1")),
        Number("cr-desire", ChainRuleSummary, "The first factor dC/da3 = 2 is the output’s desire", "2", c => c.Run(Chain).Value(0, "dact/a3")),
        Unverifiable("cr-100-factors", ChainRuleSummary, "Deeper networks just mean longer chains (about 100 factors for 100 layers), same rule.", "100",
            "a statement about networks in general; no scenario has 100 layers."),
        Unverifiable("cr-vanishing", ChainRuleSummary, "when a long chain’s factors are each below 1, their product shrinks toward zero", "",
            "a general statement (true of any product of factors below 1 in size), not a computation of the lesson."),

        // ---- 14.4 (004): the NumPy neuron x = [2, −1, 3], w = [0.5, −0.3, 1.2], b = 0.6, target 1 ----
        Number("np-prediction", NumPyNeuron, "# Prediction: 0.9876, Loss: 0.00015 (not too bad, but we can do better)", "0.9876",
            c => c.Run("numpy-neuron-float64").Value(0, "act/sigmoid1"),
            wrongNote: "z = 0.5·2 + (−0.3)·(−1) + 1.2·3 + 0.6 = 5.5, and σ(5.5) = 0.99593; 0.9876 would need z ≈ 4.38. The printed loss 0.00015 = (1 − 0.9876)² follows from the wrong prediction, not from the code."),
        new("np-loss", NumPyNeuron, "# Prediction: 0.9876, Loss: 0.00015 (not too bad, but we can do better)", "0.00015", c =>
        {
            double loss = c.Run("numpy-neuron-float64").Value(0, "loss");
            string printed = loss.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
            return (printed, Verdict.Wrong,
                $"the loss is (σ(5.5) − 1)² = {loss:0.###e+00}, and the code's f\"{{loss:.4f}}\" prints {printed}; no .4f format prints 0.00015 (five decimals).");
        }),
        Number("np-sigmoid-max", NumPyNeuron, "The maximum value this can ever be is 0.25 (when s=0.5)", "0.25",
            _ => Enumerable.Range(0, 100_001).Select(i => i / 100_000.0).Max(s => s * (1 - s)), "s(1 − s) on a grid of s in [0, 1], step 1e-5: largest at s = 0.5."),
        Number("np-relu-derivative", NumPyNeuron, "Its derivative is 1 for positive inputs", "1", _ => ReluSlope(0.7), "the hand-written ReLU's backward at x = 0.7, upstream gradient 1."),

        // ---- How It Actually Learns (001): the spiral network ----
        new("sp-perfect", SpiralLesson, "The network learns to perfectly classify the spirals.", "100%", c =>
        {
            var run = c.Run("spiral-lesson-float64");
            double accuracy = Accuracy(run.Tensor(run.LastStep, "act/sigmoid2"), run.Scenario.Targets.Values);
            string computed = $"{accuracy * 100:0.#}%";
            double[] predictions = run.Tensor(run.LastStep, "act/sigmoid2"), targets = run.Scenario.Targets.Values;
            var missed = Enumerable.Range(0, targets.Length).Where(i => (predictions[i] > 0.5 ? 1.0 : 0.0) != targets[i])
                .Select(i => $"point {i} (class {targets[i]}, ŷ = {predictions[i]:0.###})").ToList();
            return (computed, accuracy == 1.0 ? Verdict.Holds : Verdict.Wrong,
                $"accuracy (ŷ > 0.5, as the lesson computes it) over the 200 points at the last of the 5000 iterations is {computed}" +
                (missed.Count == 0 ? "." : $": misclassified {string.Join(", ", missed)}, a point deep in the other class's arm. Nearly, not perfectly."));
        }),
        new("sp-gradient-check", SpiralLesson, "The two numbers should match to ~6 decimal places.", "6", c =>
        {
            var (numerical, analytic) = SpiralGradientCheck(c.Run("spiral-lesson-float64"));
            string n = numerical.ToString("F6", System.Globalization.CultureInfo.InvariantCulture), a = analytic.ToString("F6", System.Globalization.CultureInfo.InvariantCulture);
            bool holds = Math.Abs(numerical - analytic) < 1e-6;
            return ($"{n} / {a}", holds ? Verdict.Holds : Verdict.Wrong,
                $"at the trained weights, W1[0, 0]: numerical (h = 1e-5, central) {numerical:0.##########}, backprop {analytic:0.##########}, difference {Math.Abs(numerical - analytic):0.0e+00}.");
        }),
        Number("sp-relu-derivative", SpiralLesson, "ReLU'(z) is 1 if z > 0, else 0.", "1", _ => ReluSlope(0.3) - ReluSlope(-0.3), "the hand-written ReLU's backward: 1 at z = 0.3 and 0 at z = −0.3."),
        Unverifiable("sp-chain-example", SpiralLesson, "Inner function: . Derivative with respect to x is 3.", "3",
            "the lesson's formulas are missing from its text (\"Let . To find using chain rule\"), so there is no function to differentiate."),
        Unverifiable("sp-five-lines", SpiralLesson, "Five lines of math give you all four gradients.", "5",
            "the equations are missing from the lesson's text; there are no lines to count."),
        Unverifiable("sp-forty-lines", SpiralLesson, "Forty lines of numpy.", "40", "a description of the listing's length, not a computation."),
        Unverifiable("sp-same-result", SpiralLesson, "Same result, far less code.", "",
            "the PyTorch version starts from nn.Linear's own random weights, drawn without a seed, so its run is not the NumPy run and differs on every execution."),
        Unverifiable("sp-1986", SpiralLesson, "Backpropagation was published in 1986 (Rumelhart, Hinton, Williams)", "1986", "history, not a computation."),
        Unverifiable("sp-two-layers", SpiralLesson, "Before backprop, training networks with more than 1-2 hidden layers was practically impossible.", "1-2",
            "history, not a computation."),
        Unverifiable("sp-few-hundred-lines", SpiralLesson, "The actual implementation in modern frameworks is a few hundred lines.", "a few hundred",
            "a statement about other projects' source code, not a computation."),
    ];

    public static IReadOnlyList<ClaimResult> EvaluateAll(ClaimContext? context = null)
    {
        context ??= new ClaimContext();
        return All.Select(claim => claim.Run(context)).ToList();
    }

    private static Claim Number(string id, string source, string quote, string printed, Func<ClaimContext, double> compute, string holdsNote = "", string wrongNote = "") =>
        new(id, source, quote, printed, c => PrintedNumber.Check(compute(c), printed, holdsNote, wrongNote));

    // "0.622459..." : the digits shown, then more. Holds when the value's digits start so; a value that only rounds to them is noted.
    private static Claim Prefix(string id, string source, string quote, string printed, Func<ClaimContext, double> compute) =>
        new(id, source, quote, printed + "...", c =>
        {
            double value = compute(c);
            string exact = PrintedNumber.RoundTrip(value);
            if (exact.StartsWith(printed, StringComparison.Ordinal)) return (exact, Verdict.Holds, "");
            var (rounded, verdict, _) = PrintedNumber.Check(value, printed);
            return (exact, verdict, verdict == Verdict.Holds
                ? $"the value is {exact}: {printed} is it rounded, not its first digits, so the \"...\" is loose"
                : $"the value is {exact}, which neither starts with nor rounds to {printed} ({rounded}).");
        });

    private static Claim Unverifiable(string id, string source, string quote, string printed, string reason) =>
        new(id, source, quote, printed, _ => ("", Verdict.Unverifiable, reason));

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double SigmoidSlope(double a) => a * (1 - a);

    private static double CentralDifference(Func<double, double> f, double at, double h = 1e-5) => (f(at + h) - f(at - h)) / (2 * h);

    private static double Input(ClaimContext c, string scenario, int i) => c.Run(scenario).Scenario.Inputs.Values[i];

    private static double Weight(ClaimContext c, string scenario, int i) => c.Run(scenario).Scenario.InitialParameters.Single(p => p.Name == "fc1.weight").Values[i];

    private static double ReluSlope(double x)
    {
        var relu = new ReLU<double>("relu");
        relu.Forward(new Matrix<double>(1, 1, [x]));
        return relu.Backward(new Matrix<double>(1, 1, [1.0])).Data[0];
    }

    private static double Accuracy(double[] predictions, double[] targets) =>
        predictions.Zip(targets).Count(p => (p.First > 0.5 ? 1.0 : 0.0) == p.Second) / (double)targets.Length;

    private static int MatchingSignificantDigits(double a, double b)
    {
        string x = Math.Abs(a).ToString("E15", System.Globalization.CultureInfo.InvariantCulture).Replace(".", "");
        string y = Math.Abs(b).ToString("E15", System.Globalization.CultureInfo.InvariantCulture).Replace(".", "");
        int digits = 0;
        while (digits < 16 && x[digits] == y[digits]) digits++;
        return Math.Sign(a) == Math.Sign(b) && x[17..] == y[17..] ? digits : 0;
    }

    // The NumPy layer's backward, written as the lesson writes it, from the reference's parameters at each stored step,
    // against the reference's autograd gradients, in ulps.
    private static (long Max, int Equal, int Total) LessonNumPyGradientsVersusTorch(string scenarioId)
    {
        var scenario = ScenarioCatalog.Select([scenarioId]).Single();
        var fixture = FixtureFile.Load(FixtureStore.Locate().PathFor(scenarioId));
        double[] x = scenario.Inputs.Values, y = scenario.Targets.Values;
        int n = y.Length, d = x.Length / n;
        long max = 0;
        int equal = 0, total = 0;
        foreach (var (_, recorded) in fixture.Recorded)
        {
            double[] w = recorded.StartParameters.Single(p => p.Name == "fc1.weight").Values;
            double b = recorded.StartParameters.Single(p => p.Name == "fc1.bias").Values[0];
            var dLdw = new double[d];
            double dLdb = 0;
            for (int i = 0; i < n; i++)
            {
                double z = b;
                for (int k = 0; k < d; k++) z += x[i * d + k] * w[k];   // X @ w + b
                double yHat = Sigmoid(z);
                double dL_dyhat = (yHat - y[i]) / n;
                double dyhat_dz = yHat * (1 - yHat);
                double dL_dz = dL_dyhat * dyhat_dz;
                for (int k = 0; k < d; k++) dLdw[k] += x[i * d + k] * dL_dz;   // X.T @ dL_dz
                dLdb += dL_dz;
            }
            double[] torchW = recorded.Step.Tensors.Single(t => t.Name == "grad/fc1.weight").Tensor.Values;
            double torchB = recorded.Step.Tensors.Single(t => t.Name == "grad/fc1.bias").Tensor.Values[0];
            foreach (var (mine, theirs) in dLdw.Zip(torchW).Append((dLdb, torchB)))
            {
                long ulps = Comparison.Ulps.Distance(mine, theirs, DType.Float64);
                max = Math.Max(max, ulps);
                equal += ulps == 0 ? 1 : 0;
                total++;
            }
        }
        return (max, equal, total);
    }

    // The lesson's activity, in its own terms: compute_loss clips ŷ to [1e-15, 1 − 1e-15]; W1 is [in, out] = fc1.weightᵀ.
    private static (double Numerical, double Analytic) SpiralGradientCheck(RunRecord run)
    {
        double[] x = run.Scenario.Inputs.Values, y = run.Scenario.Targets.Values;
        double[] fc1 = run.Tensor(run.LastStep, "param/fc1.weight"), b1 = run.Tensor(run.LastStep, "param/fc1.bias");
        double[] w2 = run.Tensor(run.LastStep, "param/fc2.weight"), b2 = run.Tensor(run.LastStep, "param/fc2.bias");
        int n = y.Length, hidden = b1.Length;

        (double Loss, double Gradient) LossAndGradient(double w00)
        {
            double loss = 0, gradient = 0;
            for (int row = 0; row < n; row++)
            {
                double z2 = b2[0];
                var z1 = new double[hidden];
                for (int j = 0; j < hidden; j++)
                {
                    double weight0 = j == 0 ? w00 : fc1[j * 2];
                    z1[j] = x[2 * row] * weight0 + x[2 * row + 1] * fc1[j * 2 + 1] + b1[j];
                    z2 += Math.Max(0, z1[j]) * w2[j];
                }
                double yHat = Sigmoid(z2), clipped = Math.Clamp(yHat, 1e-15, 1 - 1e-15);
                loss += y[row] * Math.Log(clipped) + (1 - y[row]) * Math.Log(1 - clipped);
                double delta1 = (yHat - y[row]) * w2[0] * (z1[0] > 0 ? 1 : 0);    // delta2 = ŷ − y, pulled back through W2 and ReLU'
                gradient += x[2 * row] * delta1;
            }
            return (-loss / n, gradient / n);
        }

        const double h = 1e-5;
        double numerical = (LossAndGradient(fc1[0] + h).Loss - LossAndGradient(fc1[0] - h).Loss) / (2 * h);
        return (numerical, LossAndGradient(fc1[0]).Gradient);
    }
}
