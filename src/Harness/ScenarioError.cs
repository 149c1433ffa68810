namespace BackpropParity.Harness;

/// <summary>
/// An exception that stopped one scenario: which side threw it (<c>torch</c>, <c>manual</c>, <c>harness</c>), at which
/// step when it was stepping, and the exception's type and the first line of its message. The scenario fails with it;
/// every other scenario still runs and reports.
/// </summary>
public sealed record ScenarioError(string Side, int? Step, string ExceptionType, string FirstLine)
{
    /// <summary>The side reported for an exception outside any side: the comparison, the reports, the harness itself.</summary>
    public const string Harness = "harness";

    /// <summary>The "exception type" of an external side that failed (crashed, timed out, wrote nothing readable): no exception, a program's failure.</summary>
    public const string SideFailed = "side failed";

    public static ScenarioError From(string side, int? step, Exception exception)
    {
        // An AggregateException from a parallel loop says nothing; the first real exception inside it does.
        while (exception is AggregateException { InnerExceptions.Count: > 0 } aggregate) exception = aggregate.InnerExceptions[0];
        string message = exception.Message;
        int end = message.IndexOfAny(['\r', '\n']);
        return new ScenarioError(side, step, exception.GetType().Name, (end < 0 ? message : message[..end]).Trim());
    }
}
