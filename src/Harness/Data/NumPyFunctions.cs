namespace BackpropParity.Harness.Data;

/// <summary>The few NumPy functions the lessons' data builders call, computed the way NumPy computes them.</summary>
public static class NumPyFunctions
{
    /// <summary>
    /// <c>np.linspace(start, stop, num)</c>: step = (stop − start)/(num − 1), y[i] = i·step + start, and the last
    /// value set to stop exactly.
    /// </summary>
    public static double[] Linspace(double start, double stop, int num)
    {
        var values = new double[num];
        if (num == 1)
        {
            values[0] = start;
            return values;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) values[i] = i * step + start;
        values[^1] = stop;
        return values;
    }
}
