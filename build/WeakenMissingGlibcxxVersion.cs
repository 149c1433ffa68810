// MSBuild task, compiled by RoslynCodeTaskFactory from build/LibTorchSharpCompat.targets.
//
// TorchSharp 0.107.0's libLibTorchSharp.so was linked against GCC 13's libstdc++ and lists the symbol
// version GLIBCXX_3.4.32 as required. Older distributions (Debian 12, Ubuntu 22.04) stop at 3.4.30/31,
// so the dynamic loader refuses the library. That version is needed only by the marker symbol
// _ZSt21ios_base_library_initv, which no relocation uses. Marking the requirement weak
// (VER_FLG_WEAK in the Elf64_Vernaux entry) lets the loader accept the library without it.
//
// The task patches the *copy* in the build output, never the NuGet package, and only when:
//   - the host's libstdc++ really lacks the version, and
//   - every dynamic symbol bound to that version is a known marker symbol.
// Otherwise it leaves the file alone and says why; the program then reports the loader's own error.
// It writes a temporary file and renames it over the copy, so a hard-linked copy never writes through
// to the package folder, and an interrupted build never leaves a half-written library.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenMissingGlibcxxVersion : Task
{
    /// <summary>The copy of libLibTorchSharp.so in the build output.</summary>
    [Required] public string LibraryPath { get; set; } = "";

    /// <summary>
    /// For a copy that will run elsewhere (a published program, a .NET tool package): weaken every libstdc++
    /// version that only marker symbols need, whatever this host's libstdc++ provides. Harmless where it is present.
    /// </summary>
    public bool ForAnyHost { get; set; }

    // Symbols whose only purpose is to pin a minimum libstdc++; no code calls them.
    private static readonly HashSet<string> MarkerSymbols = new HashSet<string> { "_ZSt21ios_base_library_initv" };

    private const uint ShtDynsym = 11, ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;
    private const ushort VerFlgWeak = 0x2;

    public override bool Execute()
    {
        if (!File.Exists(LibraryPath)) return true;
        byte[] image = File.ReadAllBytes(LibraryPath);
        var strong = RequiredVersions(image).Where(v => v.File == "libstdc++.so.6" && (v.Flags & VerFlgWeak) == 0);
        if (ForAnyHost)
        {
            var markerOnly = strong.Where(v => SymbolsBoundTo(image, v.Index).All(MarkerSymbols.Contains)).ToList();
            if (markerOnly.Count > 0) Weaken(image, markerOnly, "for any host");
            return true;
        }

        var hostLibrary = FindHostLibStdCxx();
        if (hostLibrary is null)
        {
            Log.LogMessage(MessageImportance.Normal, $"libstdc++.so.6 not found on this host; {LibraryPath} left as it is.");
            return true;
        }

        var provided = new HashSet<string>(DefinedVersions(File.ReadAllBytes(hostLibrary)));
        var missing = strong.Where(v => !provided.Contains(v.Name)).ToList();
        if (missing.Count == 0) return true;

        foreach (var version in missing)
        {
            var users = SymbolsBoundTo(image, version.Index).Where(s => !MarkerSymbols.Contains(s)).ToList();
            if (users.Count > 0)
            {
                Log.LogWarning($"{LibraryPath} needs {version.Name}, which {hostLibrary} lacks, for real symbols " +
                               $"({string.Join(", ", users.Take(3))}); not patched. Install a libstdc++ from GCC 13 or later.");
                return true;
            }
        }

        Weaken(image, missing, $"host {hostLibrary} lacks it");
        return true;
    }

    private void Weaken(byte[] image, List<RequiredVersion> versions, string why)
    {
        foreach (var version in versions)
        {
            int offset = version.FlagsOffset;
            ushort flags = BitConverter.ToUInt16(image, offset);
            BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(image, offset);
        }

        // Keep the copy's timestamp so the next incremental build sees it as up to date and does not
        // copy the unpatched file over it again.
        DateTime lastWrite = File.GetLastWriteTimeUtc(LibraryPath);
        string temporary = LibraryPath + ".patching";
        File.WriteAllBytes(temporary, image);
        File.SetLastWriteTimeUtc(temporary, lastWrite);
        File.Replace(temporary, LibraryPath, null);
        Log.LogMessage(MessageImportance.High,
            $"Marked {string.Join(", ", versions.Select(v => v.Name))} weak in {LibraryPath} ({why}; only marker symbols use it).");
    }

    private static string FindHostLibStdCxx()
    {
        var directories = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "")
            .Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries)
            .Concat(new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                            "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib" });
        return directories.Select(d => Path.Combine(d, "libstdc++.so.6")).FirstOrDefault(File.Exists);
    }

    private sealed class Section
    {
        public uint Type, Link, Info;
        public long Offset, Size;
    }

    private sealed class RequiredVersion
    {
        public string File = "", Name = "";
        public ushort Flags, Index;
        public int FlagsOffset;
    }

    private static List<Section> Sections(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file");
        long sectionTable = BitConverter.ToInt64(elf, 40);      // e_shoff
        int entrySize = BitConverter.ToUInt16(elf, 58);         // e_shentsize
        int count = BitConverter.ToUInt16(elf, 60);             // e_shnum
        var sections = new List<Section>(count);
        for (int i = 0; i < count; i++)
        {
            int at = checked((int)(sectionTable + (long)i * entrySize));
            sections.Add(new Section
            {
                Type = BitConverter.ToUInt32(elf, at + 4),
                Offset = BitConverter.ToInt64(elf, at + 24),
                Size = BitConverter.ToInt64(elf, at + 32),
                Link = BitConverter.ToUInt32(elf, at + 40),
                Info = BitConverter.ToUInt32(elf, at + 44),
            });
        }
        return sections;
    }

    private static string CString(byte[] elf, long at)
    {
        int end = Array.IndexOf(elf, (byte)0, checked((int)at));
        return Encoding.ASCII.GetString(elf, (int)at, end - (int)at);
    }

    // Elf64_Verdef { u16 vd_version, vd_flags, vd_ndx, vd_cnt; u32 vd_hash, vd_aux, vd_next }
    // Elf64_Verdaux { u32 vda_name, vda_next }
    private static IEnumerable<string> DefinedVersions(byte[] elf)
    {
        var sections = Sections(elf);
        foreach (var verdef in sections.Where(s => s.Type == ShtGnuVerdef))
        {
            long strings = sections[(int)verdef.Link].Offset;
            long at = verdef.Offset;
            for (uint i = 0; i < verdef.Info; i++)
            {
                long aux = at + BitConverter.ToUInt32(elf, (int)at + 12);
                yield return CString(elf, strings + BitConverter.ToUInt32(elf, (int)aux));
                uint next = BitConverter.ToUInt32(elf, (int)at + 16);
                if (next == 0) break;
                at += next;
            }
        }
    }

    // Elf64_Verneed { u16 vn_version, vn_cnt; u32 vn_file, vn_aux, vn_next }
    // Elf64_Vernaux { u32 vna_hash; u16 vna_flags, vna_other; u32 vna_name, vna_next }
    private static IEnumerable<RequiredVersion> RequiredVersions(byte[] elf)
    {
        var sections = Sections(elf);
        foreach (var verneed in sections.Where(s => s.Type == ShtGnuVerneed))
        {
            long strings = sections[(int)verneed.Link].Offset;
            long at = verneed.Offset;
            for (uint i = 0; i < verneed.Info; i++)
            {
                string file = CString(elf, strings + BitConverter.ToUInt32(elf, (int)at + 4));
                int auxCount = BitConverter.ToUInt16(elf, (int)at + 2);
                long aux = at + BitConverter.ToUInt32(elf, (int)at + 8);
                for (int j = 0; j < auxCount; j++)
                {
                    yield return new RequiredVersion
                    {
                        File = file,
                        Name = CString(elf, strings + BitConverter.ToUInt32(elf, (int)aux + 8)),
                        Flags = BitConverter.ToUInt16(elf, (int)aux + 4),
                        Index = BitConverter.ToUInt16(elf, (int)aux + 6),
                        FlagsOffset = (int)aux + 4,
                    };
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                uint next = BitConverter.ToUInt32(elf, (int)at + 12);
                if (next == 0) break;
                at += next;
            }
        }
    }

    // .gnu.version holds one u16 per .dynsym entry (Elf64_Sym is 24 bytes, st_name first); the low 15 bits
    // are the version index that vna_other names.
    private static IEnumerable<string> SymbolsBoundTo(byte[] elf, ushort versionIndex)
    {
        var sections = Sections(elf);
        var dynsym = sections.Single(s => s.Type == ShtDynsym);
        var versym = sections.Single(s => s.Type == ShtGnuVersym);
        long strings = sections[(int)dynsym.Link].Offset;
        long symbolCount = dynsym.Size / 24;
        for (long i = 0; i < symbolCount; i++)
        {
            ushort index = (ushort)(BitConverter.ToUInt16(elf, (int)(versym.Offset + 2 * i)) & 0x7fff);
            if (index == versionIndex)
                yield return CString(elf, strings + BitConverter.ToUInt32(elf, (int)(dynsym.Offset + 24 * i)));
        }
    }
}
