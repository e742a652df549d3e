using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace VitaSense.Hosting;

/// <summary>A process the engine started and owns: its output goes to a callback line by line, and stopping it stops its whole tree.</summary>
internal sealed class ChildProcess
{
    private const string SetPriv = "/usr/bin/setpriv";

    // Children are forked from one thread that lives as long as the process, because the kernel's parent-death
    // signal fires when the forking *thread* ends: a thread-pool thread retiring would kill them early.
    private static readonly BlockingCollection<Action> Launches = StartLauncher();

    private readonly Process process;

    private ChildProcess(Process process, Task<int> exited)
    {
        this.process = process;
        Exited = exited;
        Id = process.Id;
    }

    /// <summary>The process id.</summary>
    public int Id { get; }

    /// <summary>Completes with the exit code once the process has exited and its output is read.</summary>
    public Task<int> Exited { get; }

    /// <summary>
    /// Starts <paramref name="fileName"/> with its output going to <paramref name="onLine"/> (text, is stderr).
    /// If the engine's process dies without stopping it (killed test host, SIGKILL), the kernel sends it
    /// <paramref name="parentDeathSignal"/> so nothing is left behind.
    /// </summary>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment,
        Action<string, bool> onLine,
        string parentDeathSignal = "TERM")
    {
        var result = new TaskCompletionSource<ChildProcess>();
        Launches.Add(() =>
        {
            try
            {
                result.SetResult(StartCore(fileName, arguments, workingDirectory, environment, onLine, parentDeathSignal));
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        });
        return result.Task.GetAwaiter().GetResult();
    }

    private static ChildProcess StartCore(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment,
        Action<string, bool> onLine,
        string parentDeathSignal)
    {
        if (OperatingSystem.IsLinux() && File.Exists(SetPriv))
        {
            // setpriv sets PR_SET_PDEATHSIG and execs in place: the pid stays the child's own.
            arguments = fileName is "setpriv" or SetPriv
                ? ["--pdeathsig", parentDeathSignal, .. arguments]
                : ["--pdeathsig", parentDeathSignal, "--", fileName, .. arguments];
            fileName = SetPriv;
        }

        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var exitedEvent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exitedEvent.TrySetResult();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(e.Data, false);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(e.Data, true);
            }
        };

        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new DistributedApplicationException($"Could not start {fileName}: {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, WaitForExitAsync(process, exitedEvent.Task));
    }

    /// <summary>
    /// Sends <paramref name="signal"/>, waits up to <paramref name="gracePeriod"/>, then kills whatever is left of the
    /// process tree. Completes once the process has exited.
    /// </summary>
    public async Task StopAsync(int signal, TimeSpan gracePeriod)
    {
        if (Exited.IsCompleted)
        {
            return;
        }

        var tree = Posix.Descendants(Id);
        Posix.Signal(Id, signal);
        if (await Task.WhenAny(Exited, Task.Delay(gracePeriod)) != Exited)
        {
            tree = [.. tree, .. Posix.Descendants(Id)];
            Posix.Signal(Id, Posix.SigKill);
        }

        // Grandchildren that outlived their parent would otherwise be adopted by init and live on.
        foreach (var pid in tree.Distinct().Where(Posix.IsAlive))
        {
            Posix.Signal(pid, Posix.SigKill);
        }

        try
        {
            await Exited.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Killed but not reaped yet (stuck in the kernel); nothing more can be done from here.
        }
    }

    /// <summary>Kills the process tree at once (a cancelled one-shot command).</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static BlockingCollection<Action> StartLauncher()
    {
        var launches = new BlockingCollection<Action>();
        var thread = new Thread(() =>
        {
            foreach (var launch in launches.GetConsumingEnumerable())
            {
                launch();
            }
        })
        {
            IsBackground = true,
            Name = "VitaSense child process launcher",
        };
        thread.Start();
        return launches;
    }

    private static async Task<int> WaitForExitAsync(Process process, Task exitedEvent)
    {
        // WaitForExitAsync also waits for the end of the output, which a surviving grandchild holding the pipe
        // would delay forever; a few seconds after the exit itself is enough to read what was written.
        var full = process.WaitForExitAsync();
        await Task.WhenAny(full, exitedEvent.ContinueWith(_ => Task.Delay(3_000), TaskScheduler.Default).Unwrap()).ConfigureAwait(false);
        var code = process.ExitCode;
        _ = full.ContinueWith(_ => process.Dispose(), TaskScheduler.Default);
        return code;
    }
}
