namespace StepFunctions.Local.Definition;

/// <summary>A state's "Type", named as in ASL and in its history events (<c>TaskStateEntered</c>, …).</summary>
public enum StateType
{
    Task,
    Pass,
    Choice,
    Wait,
    Succeed,
    Fail,
    Parallel,
    Map,
}
