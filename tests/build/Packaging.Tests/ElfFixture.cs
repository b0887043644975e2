using System.Buffers.Binary;
using System.Text;

namespace Build.Packaging.Tests;

/// <summary>
/// Crafts the smallest ELF64 file the version reader accepts: a header, a string table and one
/// SHT_GNU_verneed section saying "libc.so.6 needs these versions". Enough to stand in for a binary
/// built against a newer glibc than this machine has.
/// </summary>
public static class ElfFixture
{
    public static byte[] NeedingLibc(params string[] versions)
    {
        // .dynstr: "\0libc.so.6\0<v1>\0<v2>\0..."
        var strings = new List<byte> { 0 };
        var libraryName = AddString(strings, "libc.so.6");
        var versionNames = versions.Select(version => AddString(strings, version)).ToArray();

        // .gnu.version_r: one Verneed (16 bytes) followed by its Vernaux entries (16 bytes each).
        var needs = new byte[16 + (16 * versions.Length)];
        WriteU16(needs, 0, 1);                       // vn_version
        WriteU16(needs, 2, (ushort)versions.Length); // vn_cnt
        WriteU32(needs, 4, libraryName);             // vn_file
        WriteU32(needs, 8, 16);                      // vn_aux: right after this entry
        WriteU32(needs, 12, 0);                      // vn_next: last entry
        for (var index = 0; index < versions.Length; index++)
        {
            var aux = 16 + (16 * index);
            WriteU32(needs, aux + 8, versionNames[index]);                              // vna_name
            WriteU32(needs, aux + 12, index == versions.Length - 1 ? 0u : 16u);        // vna_next
        }

        const int headerSize = 64;
        var stringsOffset = headerSize;
        var needsOffset = stringsOffset + strings.Count;
        var sectionsOffset = needsOffset + needs.Length;
        var file = new byte[sectionsOffset + (3 * 64)];

        "\u007fELF"u8.CopyTo(file);
        file[4] = 2; // ELFCLASS64
        file[5] = 1; // little endian
        file[6] = 1; // EV_CURRENT
        WriteU16(file, 16, 3);    // ET_DYN
        WriteU16(file, 18, 62);   // EM_X86_64
        WriteU32(file, 20, 1);
        WriteU64(file, 40, (ulong)sectionsOffset); // e_shoff
        WriteU16(file, 52, headerSize);
        WriteU16(file, 58, 64);   // e_shentsize
        WriteU16(file, 60, 3);    // e_shnum: null, .dynstr, .gnu.version_r

        strings.ToArray().CopyTo(file, stringsOffset);
        needs.CopyTo(file, needsOffset);
        WriteSection(file, sectionsOffset + 64, type: 3, offset: stringsOffset, size: strings.Count, link: 0, info: 0);
        WriteSection(file, sectionsOffset + 128, type: 0x6ffffffe, offset: needsOffset, size: needs.Length, link: 1, info: 1);
        return file;
    }

    private static uint AddString(List<byte> strings, string value)
    {
        var offset = (uint)strings.Count;
        strings.AddRange(Encoding.ASCII.GetBytes(value));
        strings.Add(0);
        return offset;
    }

    private static void WriteSection(byte[] file, int at, uint type, int offset, int size, uint link, uint info)
    {
        WriteU32(file, at + 4, type);
        WriteU64(file, at + 24, (ulong)offset);
        WriteU64(file, at + 32, (ulong)size);
        WriteU32(file, at + 40, link);
        WriteU32(file, at + 44, info);
    }

    private static void WriteU16(byte[] data, int at, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(at), value);
    private static void WriteU32(byte[] data, int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(at), value);
    private static void WriteU64(byte[] data, int at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(at), value);
}
