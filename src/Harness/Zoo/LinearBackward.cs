using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Zoo;

/// <summary>A linear layer's backward in double: g [batch, out], W [out, in] and the lr it will be updated with; dL/dx [batch, in], dL/dW [out, in], dL/db [1, out].</summary>
public sealed record LinearBackward(Matrix<double> GradOutput, Matrix<double> Weight, double LearningRate,
    Matrix<double> GradInput, Matrix<double> WeightGrad, Matrix<double> BiasGrad);
