namespace SeedSearch.Fuzz;

/// <summary>
/// One fuzzing target: runs one input through domain code. Returning normally means the input was
/// handled (answered, or refused the way the service refuses bad input: a field error that gRPC
/// reports as INVALID_ARGUMENT); any exception that escapes is a crash.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>Runs one input; throws on a crash or a broken invariant.</summary>
    void Run(string input);
}
