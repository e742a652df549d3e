using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace VitaSense.ServiceDefaults.Messaging;

/// <summary>
/// Points Confluent.Kafka at the librdkafka build that runs on Debian. The package's default
/// <c>librdkafka.so</c> needs <c>libsasl2.so.3</c>, which Debian does not ship; the
/// <c>centos8-librdkafka.so</c> build beside it links only what Debian has. The engine's in-process
/// mock cluster uses the same handle, so there is exactly one librdkafka in a process.
/// </summary>
public static class KafkaNativeLibrary
{
    private static readonly Lock Gate = new();
    private static nint handle;

    /// <summary>The loaded library's handle, loading it on first use.</summary>
    public static nint Handle
    {
        get
        {
            EnsureLoaded();
            return handle;
        }
    }

    /// <summary>Loads librdkafka once per process; safe to call from anywhere, any number of times.</summary>
    public static void EnsureLoaded()
    {
        if (handle != 0)
        {
            return;
        }

        lock (Gate)
        {
            if (handle != 0)
            {
                return;
            }

            if (!OperatingSystem.IsLinux())
            {
                // Elsewhere the package's own loader finds a native library that works.
                handle = -1;
                return;
            }

            var path = FindLibrary()
                ?? throw new DllNotFoundException(
                    "centos8-librdkafka.so was not found next to the application; is the librdkafka.redist package referenced?");
            var loaded = NativeLibrary.Load(path);
            NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, (name, _, _) => name switch
            {
                // Confluent.Kafka dlopen()s through "libdl", which glibc 2.34+ only provides as libdl.so.2.
                "libdl" => NativeLibrary.Load("libdl.so.2"),
                _ when name.Contains("rdkafka", StringComparison.Ordinal) => loaded,
                _ => 0,
            });
            Library.Load(path);
            handle = loaded;
        }
    }

    private static string? FindLibrary()
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "centos8-librdkafka.so"),
            Path.Combine(AppContext.BaseDirectory, "centos8-librdkafka.so"),
            Path.Combine(Path.GetDirectoryName(typeof(Library).Assembly.Location) ?? "", "runtimes", "linux-x64", "native", "centos8-librdkafka.so"),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }
}
