namespace BackpropParity.Harness;

/// <summary>
/// Input the user has to fix (an unknown scenario, a corrupt or stale fixture): the message names the thing and
/// the problem on one line, and the program exits with its bad-input code.
/// </summary>
public class BadInputException(string message) : Exception(message);
