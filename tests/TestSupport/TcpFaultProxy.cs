using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SeedSearch.TestSupport;

/// <summary>
/// A loopback TCP proxy whose <see cref="Mode"/> can be switched while traffic flows, to put
/// network faults between two real services: resets, latency and stalls.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    private readonly Lock _lock = new();
    private readonly Task _accepting;
    private volatile FaultMode _mode;
    // Completed unless stalled; forwarding waits on it.
    private TaskCompletionSource _flowing = NewSignal(completed: true);
    private long _resets;
    private long _delayedChunks;

    /// <summary>Starts a proxy on a free loopback port that forwards to <paramref name="target"/>.</summary>
    public TcpFaultProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync(_stop.Token);
    }

    /// <summary>Where clients connect instead of the target.</summary>
    public Uri Address { get; }

    /// <summary>The delay of each chunk in <see cref="FaultMode.Latency"/>. Default 20 ms.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Connections reset by <see cref="FaultMode.Drop"/>, open or new.</summary>
    public long Resets => Interlocked.Read(ref _resets);

    /// <summary>Chunks forwarded late in <see cref="FaultMode.Latency"/>.</summary>
    public long DelayedChunks => Interlocked.Read(ref _delayedChunks);

    /// <summary>The fault applied from now on, to open and new connections alike.</summary>
    public FaultMode Mode
    {
        get => _mode;
        set
        {
            lock (_lock)
            {
                _mode = value;
                if (value == FaultMode.Stall && _flowing.Task.IsCompleted)
                {
                    _flowing = NewSignal(completed: false);
                }
                else if (value != FaultMode.Stall)
                {
                    _flowing.TrySetResult();
                }
            }

            if (value == FaultMode.Drop)
            {
                foreach (var link in _links.Keys)
                {
                    link.Reset();
                    Interlocked.Increment(ref _resets);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var link in _links.Keys)
        {
            link.Reset();
        }

        await _accepting;
        _stop.Dispose();
    }

    private static TaskCompletionSource NewSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            signal.SetResult();
        }

        return signal;
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (Mode == FaultMode.Drop)
            {
                Link.Reset(client);
                Interlocked.Increment(ref _resets);
                continue;
            }

            _ = ForwardAsync(client, cancellationToken);
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken cancellationToken)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        var link = new Link(client, upstream);
        _links.TryAdd(link, 0);
        try
        {
            await upstream.ConnectAsync(_target.Host, _target.Port, cancellationToken);
            await Task.WhenAll(PumpAsync(client, upstream, cancellationToken), PumpAsync(upstream, client, cancellationToken));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The connection was reset (by a fault or by either side) or the proxy stopped.
        }
        finally
        {
            _links.TryRemove(link, out _);
            link.Reset();
        }
    }

    private async Task PumpAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await GateAsync(cancellationToken);
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Either side went away: take the other down with it, as a real network path would.
            Link.Reset(from);
            Link.Reset(to);
        }
    }

    // Holds a chunk while stalled, delays it under latency, and drops it (with its connection) when dropping.
    private async Task GateAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task flowing;
            lock (_lock)
            {
                flowing = _flowing.Task;
            }

            switch (Mode)
            {
                case FaultMode.Stall:
                    await flowing.WaitAsync(cancellationToken);
                    continue;
                case FaultMode.Drop:
                    throw new SocketException((int)SocketError.ConnectionReset);
                case FaultMode.Latency:
                    Interlocked.Increment(ref _delayedChunks);
                    await Task.Delay(Latency, cancellationToken);
                    return;
                default:
                    return;
            }
        }
    }

    private sealed class Link(Socket client, Socket upstream)
    {
        public void Reset()
        {
            Reset(client);
            Reset(upstream);
        }

        // Linger 0 makes Close send RST instead of FIN: the peer sees "connection reset".
        public static void Reset(Socket socket)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already closed.
            }

            socket.Close();
        }
    }
}
