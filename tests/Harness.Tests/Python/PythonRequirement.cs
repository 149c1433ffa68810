namespace BackpropParity.Harness.Tests.Python;

/// <summary>
/// Tests that need Python with PyTorch or NumPy (/usr/bin/python3): skipped with the reason where it is missing, and
/// failed instead when BACKPROP_PARITY_REQUIRE_PYTHON=1 (CI sets it), so a broken install cannot pass as a skip.
/// </summary>
internal static class PythonRequirement
{
    public static bool Required => Environment.GetEnvironmentVariable("BACKPROP_PARITY_REQUIRE_PYTHON") == "1";

    /// <summary>Ends the test: Ignore with <paramref name="reason"/>, or Fail with it when Python is required.</summary>
    public static Exception Missing(string reason)
    {
        if (Required) Assert.Fail(reason);
        Assert.Ignore(reason);
        return new InvalidOperationException("unreachable");
    }
}
