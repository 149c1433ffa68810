namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>An element-wise operation over any contiguous range of its elements.</summary>
internal interface IElementRange
{
    void Run(int start, int end);
}
