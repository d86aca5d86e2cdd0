using System.Net;
using System.Net.Sockets;

namespace SeedSearch.TestSupport;

/// <summary>
/// Free loopback ports for services started on them. A port is released before the service
/// binds it, so another program can take it in between: callers that can retry should.
/// </summary>
public static class LoopbackPorts
{
    /// <summary><paramref name="count"/> distinct free ports; the listeners are held at once so they differ.</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>One free port.</summary>
    public static int Take() => Take(1)[0];
}
