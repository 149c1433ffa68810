namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>The register width the kernels use on this CPU.</summary>
public enum SimdWidth
{
    Bits128 = 128,
    Bits256 = 256,
    Bits512 = 512,
}
