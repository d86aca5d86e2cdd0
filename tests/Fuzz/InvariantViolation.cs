namespace SeedSearch.Fuzz;

/// <summary>An input was handled without an exception, but the result broke a documented invariant.</summary>
public sealed class InvariantViolation(string message) : Exception(message)
{
    /// <summary>Throws when <paramref name="holds"/> is false.</summary>
    public static void Check(bool holds, string message)
    {
        if (!holds)
        {
            throw new InvariantViolation(message);
        }
    }
}
