using System.Buffers.Binary;
using System.Text;

namespace Build.Packaging;

/// <summary>One symbol version an ELF file needs from a shared library, e.g. libc.so.6 / GLIBC_2.34.</summary>
public sealed record VersionNeed(string Library, string Version);

/// <summary>
/// Reads the versions an ELF64 little-endian binary requires (its SHT_GNU_verneed section, what
/// <c>objdump -T</c> and <c>readelf -V</c> show), so the guard needs no binutils on the machine.
/// </summary>
public static class ElfVersionReader
{
    private const uint GnuVersionNeedSection = 0x6ffffffe; // SHT_GNU_verneed
    private const int SectionHeaderSize = 64;

    /// <summary>True when the bytes start like an ELF file.</summary>
    public static bool IsElf(ReadOnlySpan<byte> file) =>
        file.Length >= 4 && file[0] == 0x7f && file[1] == (byte)'E' && file[2] == (byte)'L' && file[3] == (byte)'F';

    /// <summary>The needed versions; empty when the file is not ELF (a script bootstrap is valid) or links nothing.</summary>
    /// <exception cref="FormatException">The file claims to be ELF but its headers point outside it.</exception>
    public static IReadOnlyList<VersionNeed> ReadNeeds(ReadOnlySpan<byte> file)
    {
        if (!IsElf(file))
        {
            return [];
        }

        if (file.Length < 64 || file[4] != 2 /* ELFCLASS64 */ || file[5] != 1 /* little endian */)
        {
            throw new FormatException("only 64-bit little-endian ELF files (x86_64, arm64) are supported");
        }

        var sectionHeaders = checked((int)U64(file, 40));
        var sectionHeaderSize = U16(file, 58);
        var sectionCount = U16(file, 60);
        if (sectionHeaders == 0 || sectionCount == 0)
        {
            return []; // no section table: nothing to read (stripped this far, it could not link dynamically anyway)
        }
        if (sectionHeaderSize != SectionHeaderSize)
        {
            throw new FormatException($"unexpected section header size {sectionHeaderSize}");
        }

        var needs = new List<VersionNeed>();
        for (var index = 0; index < sectionCount; index++)
        {
            var header = Slice(file, sectionHeaders + (index * SectionHeaderSize), SectionHeaderSize);
            if (U32(header, 4) != GnuVersionNeedSection)
            {
                continue;
            }

            var section = Slice(file, checked((int)U64(header, 24)), checked((int)U64(header, 32)));
            var stringsHeader = Slice(file, sectionHeaders + (checked((int)U32(header, 40)) * SectionHeaderSize), SectionHeaderSize);
            var strings = Slice(file, checked((int)U64(stringsHeader, 24)), checked((int)U64(stringsHeader, 32)));
            ReadNeedEntries(section, strings, entryCount: (int)U32(header, 44), needs);
        }
        return needs;
    }

    /// <summary>The newest GLIBC_x.y among the needs, or null when the binary needs no versioned glibc symbol.</summary>
    public static Version? NewestGlibc(IEnumerable<VersionNeed> needs) =>
        needs.Select(need => ParseGlibc(need.Version)).Where(version => version is not null).Max();

    /// <summary>"GLIBC_2.34" → 2.34; null for GLIBC_PRIVATE, GLIBCXX_*, and other libraries' versions.</summary>
    public static Version? ParseGlibc(string name) =>
        name.StartsWith("GLIBC_", StringComparison.Ordinal) && Version.TryParse(name["GLIBC_".Length..], out var version)
            ? version
            : null;

    // Verneed entries (16 bytes: version, count, file, aux, next) each chain Vernaux entries
    // (16 bytes: hash, flags, other, name, next); offsets are relative to the entry holding them.
    private static void ReadNeedEntries(ReadOnlySpan<byte> section, ReadOnlySpan<byte> strings, int entryCount, List<VersionNeed> needs)
    {
        var need = 0;
        for (var entry = 0; entry < entryCount; entry++)
        {
            var header = Slice(section, need, 16);
            var library = CString(strings, (int)U32(header, 4));
            var aux = need + (int)U32(header, 8);
            for (var version = 0; version < U16(header, 2); version++)
            {
                var auxiliary = Slice(section, aux, 16);
                needs.Add(new VersionNeed(library, CString(strings, (int)U32(auxiliary, 8))));
                aux += (int)U32(auxiliary, 12);
            }

            var next = (int)U32(header, 12);
            if (next == 0)
            {
                break;
            }
            need += next;
        }
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> data, int offset, int length) =>
        offset >= 0 && length >= 0 && offset <= data.Length - length
            ? data.Slice(offset, length)
            : throw new FormatException($"offset {offset} (+{length}) lies outside the file");

    private static string CString(ReadOnlySpan<byte> strings, int offset)
    {
        var rest = Slice(strings, offset, strings.Length - offset);
        var end = rest.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? rest : rest[..end]);
    }

    private static ushort U16(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(data, offset, 2));
    private static uint U32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(data, offset, 4));
    private static ulong U64(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(data, offset, 8));
}
