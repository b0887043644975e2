namespace Aws.Local;

/// <summary>An Amazon Resource Name, <c>arn:partition:service:region:account:resource</c>. The resource keeps
/// any further ':' or '/' (<c>function:name:qualifier</c>, <c>task/cluster/id</c>); region and account may be
/// empty, as in the Step Functions service-integration ARNs (<c>arn:aws:states:::sns:publish</c>).</summary>
public readonly record struct Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    /// <summary>An ARN in the local account and region.</summary>
    public static Arn Local(string service, string resource) =>
        new(LocalAccount.Partition, service, LocalAccount.Region, LocalAccount.Id, resource);

    public static bool TryParse(string? text, out Arn arn)
    {
        arn = default;
        var parts = text?.Split(':', 6);
        if (parts is not { Length: 6 } || parts[0] != "arn" || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return false;
        }
        arn = new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
        return true;
    }

    public static Arn Parse(string text) => TryParse(text, out var arn)
        ? arn
        : throw new FormatException($"'{text}' is not an ARN: expected arn:partition:service:region:account:resource.");

    /// <summary>The resource's type: "function" in <c>function:name</c>, "task" in <c>task/cluster/id</c>.</summary>
    public string ResourceType => Resource[..ResourceTypeLength];

    /// <summary>What follows the resource type: "name" in <c>function:name</c>, "cluster/id" in <c>task/cluster/id</c>.</summary>
    public string ResourceId => ResourceTypeLength < Resource.Length ? Resource[(ResourceTypeLength + 1)..] : "";

    private int ResourceTypeLength => Resource.IndexOfAny([':', '/']) is var i and >= 0 ? i : Resource.Length;

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}
