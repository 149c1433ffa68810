using System.Runtime.ExceptionServices;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>A piece of work the kernels split into parts that run at the same time, one per thread.</summary>
internal abstract class ParallelWork
{
    /// <summary>Does part <paramref name="part"/> of <paramref name="parts"/>; parts must not write the same memory.</summary>
    public abstract void RunPart(int part, int parts);
}
