namespace Lambdas.JobNet;

/// <summary>The dependency cycles of a job net, each named once along its edges from the job that comes first
/// in the manifest and back to it (<c>image-1 → stop-app-1 → image-1</c>). Self-dependencies and unknown names
/// are reported on their own, so they are left out here.</summary>
public static class DependencyCycles
{
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyList<Job> jobs)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            order.TryAdd(job.Name, order.Count);
        }
        var edges = jobs.GroupBy(j => j.Name, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.First().DependsOn.Where(d => d != g.Key && order.ContainsKey(d)).ToList(),
            StringComparer.Ordinal);

        var cycles = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        void Visit(string name)
        {
            path.Add(name);
            foreach (var next in edges[name])
            {
                var at = path.IndexOf(next);
                if (at >= 0)
                {
                    var cycle = Rotate(path[at..], order);
                    var key = string.Join("\n", cycle.Order(StringComparer.Ordinal));
                    if (seen.Add(key))
                    {
                        cycles.Add([.. cycle, cycle[0]]);
                    }
                }
                else if (!done.Contains(next))
                {
                    Visit(next);
                }
            }
            path.RemoveAt(path.Count - 1);
            done.Add(name);
        }

        foreach (var name in order.Keys)
        {
            if (!done.Contains(name))
            {
                Visit(name);
            }
        }
        return cycles;
    }

    /// <summary>The cycle starting at its job that comes first in the manifest, so the name does not depend on where the search entered it.</summary>
    private static List<string> Rotate(List<string> cycle, Dictionary<string, int> order)
    {
        var first = cycle.IndexOf(cycle.MinBy(n => order[n])!);
        return [.. cycle[first..], .. cycle[..first]];
    }
}
