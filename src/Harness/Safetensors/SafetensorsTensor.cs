using System.Buffers.Binary;

namespace BackpropParity.Harness.Safetensors;

/// <summary>One tensor of a safetensors file: name, element type, shape and its row-major little-endian bytes.</summary>
public sealed record SafetensorsTensor(string Name, SafetensorsDType DType, long[] Shape, byte[] Data)
{
    public long ElementCount => Shape.Aggregate(1L, (product, size) => checked(product * size));

    /// <summary>Float64 or float32 values as doubles (exact); other types are refused with the tensor's name.</summary>
    public double[] ToDoubles()
    {
        var values = new double[ElementCount];
        switch (DType)
        {
            case SafetensorsDType.F64:
                for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(Data.AsSpan(8 * i));
                break;
            case SafetensorsDType.F32:
                for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(Data.AsSpan(4 * i));
                break;
            case SafetensorsDType.F16:
                for (int i = 0; i < values.Length; i++) values[i] = (double)BinaryPrimitives.ReadHalfLittleEndian(Data.AsSpan(2 * i));
                break;
            default:
                throw new InvalidDataException($"Tensor {Name} is {DType}; only floating-point tensors hold values here.");
        }
        return values;
    }

    /// <summary>Stores doubles as F64, or rounds them to F32 (exact for values that came from a float32 run).</summary>
    public static SafetensorsTensor FromDoubles(string name, SafetensorsDType dtype, long[] shape, ReadOnlySpan<double> values)
    {
        long count = shape.Aggregate(1L, (product, size) => checked(product * size));
        if (count != values.Length)
            throw new ArgumentException($"Tensor {name}: shape [{string.Join(", ", shape)}] needs {count} values, got {values.Length}.");
        byte[] data;
        switch (dtype)
        {
            case SafetensorsDType.F64:
                data = new byte[8 * values.Length];
                for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8 * i), values[i]);
                break;
            case SafetensorsDType.F32:
                data = new byte[4 * values.Length];
                for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), (float)values[i]);
                break;
            default:
                throw new ArgumentException($"Tensor {name}: cannot store values as {dtype}; use F64 or F32.");
        }
        return new SafetensorsTensor(name, dtype, shape, data);
    }
}
