namespace Workflows.Local;

/// <summary>A workflow's state machine type: deployment.json's <c>type</c>, which Terraform deploys as is
/// (terraform/workflows.tf) and the state-machine module accepts as STANDARD or EXPRESS.</summary>
public enum WorkflowType
{
    Standard,
    Express,
}

public static class WorkflowTypes
{
    /// <summary>The name deployment.json, Terraform and the Step Functions API use: STANDARD, EXPRESS.</summary>
    public static string ToApiName(this WorkflowType type) => type.ToString().ToUpperInvariant();

    /// <summary>The type of that name (case matters, as in Terraform's validation), or null.</summary>
    public static WorkflowType? FromApiName(string name)
    {
        foreach (var type in Enum.GetValues<WorkflowType>())
        {
            if (type.ToApiName() == name)
            {
                return type;
            }
        }
        return null;
    }
}
