namespace Jsonata.Evaluation;

/// <summary>
/// A stable merge sort driven by a "should b come before a" predicate, the way the reference sorts, so that
/// comparator errors surface on the same pair of items.
/// </summary>
internal static class MergeSort
{
    public static JArray Sort(JArray items, Func<object, object, bool> swap)
    {
        var array = items.ToArray();
        var buffer = new object[array.Length];
        SortRange(array, buffer, 0, array.Length, swap);
        return new JArray(array);
    }

    private static void SortRange(object[] a, object[] buffer, int start, int end, Func<object, object, bool> swap)
    {
        var length = end - start;
        if (length <= 1) return;
        var middle = start + length / 2;
        SortRange(a, buffer, start, middle, swap);
        SortRange(a, buffer, middle, end, swap);
        int l = start, r = middle, o = start;
        while (l < middle && r < end)
        {
            if (swap(a[l], a[r])) buffer[o++] = a[r++];
            else buffer[o++] = a[l++];
        }
        while (l < middle) buffer[o++] = a[l++];
        while (r < end) buffer[o++] = a[r++];
        Array.Copy(buffer, start, a, start, length);
    }
}
