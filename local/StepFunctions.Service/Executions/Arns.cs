using Aws.Local;

namespace StepFunctions.Service.Executions;

/// <summary>ARNs and names as Step Functions forms and checks them, in the local account and region.</summary>
public static class Arns
{
    private const string InvalidNameCharacters = " <>{}[]?*\"#%\\^|~`$&,;:/";

    public static string StateMachine(string name) => Arn.Local("states", $"stateMachine:{name}").ToString();

    public static string Execution(string stateMachineArn, string executionName) =>
        Arn.Local("states", $"execution:{MachineName(stateMachineArn)}:{executionName}").ToString();

    public static string ExpressExecution(string stateMachineArn, string executionName) =>
        Arn.Local("states", $"express:{MachineName(stateMachineArn)}:{executionName}:{Guid.NewGuid()}").ToString();

    /// <summary>The state machine name inside a state machine ARN (already validated).</summary>
    public static string MachineName(string stateMachineArn) => stateMachineArn.Split(':')[6];

    /// <summary>Checks the ARN's form: <c>arn:aws:states:region:account:stateMachine:name</c> (a <c>#TestCase</c>
    /// suffix is split off by the caller).</summary>
    public static string CheckStateMachine(string arn)
    {
        var parts = arn.Split(':');
        if (parts.Length != 7 || parts[0] != "arn" || parts[2] != "states" || parts[5] != "stateMachine" || parts[6].Length == 0)
        {
            throw DomainException.InvalidArn(arn, "Resource type not valid in this context: " + (parts.Length > 5 ? parts[5] : "?") + " or");
        }
        return arn;
    }

    /// <summary>The state machine ARN an execution ARN belongs to.</summary>
    public static string StateMachineOfExecution(string executionArn)
    {
        var parts = executionArn.Split(':');
        if (parts.Length != 8 || parts[0] != "arn" || parts[2] != "states" || parts[5] != "execution" || parts[6].Length == 0 || parts[7].Length == 0)
        {
            throw DomainException.InvalidArn(executionArn, "Execution");
        }
        return string.Join(':', parts[..5]) + ":stateMachine:" + parts[6];
    }

    /// <summary>Names of state machines and executions: 1–80 characters, none of AWS's reserved ones.</summary>
    public static void CheckName(string name, string what)
    {
        if (name.Length is 0 or > 80 || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || InvalidNameCharacters.Contains(c)))
        {
            throw new DomainException(DomainError.InvalidName, $"Invalid Name: '{name}' (a {what} name has 1 to 80 characters, without whitespace, control characters or any of {InvalidNameCharacters.Trim()})");
        }
    }
}
