namespace Lambdas.Runtime;

/// <summary>
/// Caps the GC heap at the function's memory size, as RuntimeSupport does. Lambda's cgroup already limits the
/// process, but .NET would otherwise size its heap from the host's memory and hit the cgroup OOM killer
/// (Runtime.ExitError) before collecting hard. GCHeapHardLimit is normally read at runtime start-up; since
/// .NET 8, setting it through AppContext and calling GC.RefreshMemoryLimit applies it in-process, so the
/// bootstrap needs no wrapper script or runtimeconfig edit.
/// </summary>
public static class MemorySettings
{
    public static bool TryApplyHeapLimit(int memorySizeMb)
    {
        if (memorySizeMb <= 0)
        {
            return false;
        }
        var limit = (ulong)memorySizeMb * 1024 * 1024;
        // Respect a lower limit configured by the user (DOTNET_GCHeapHardLimit or runtimeconfig).
        if ((ulong)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes <= limit)
        {
            return false;
        }
        AppContext.SetData("GCHeapHardLimit", limit);
        GC.RefreshMemoryLimit();
        return true;
    }
}
