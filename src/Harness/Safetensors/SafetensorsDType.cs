namespace BackpropParity.Harness.Safetensors;

/// <summary>The element types safetensors names, with their sizes in bytes.</summary>
public enum SafetensorsDType
{
    F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL,
}
