using System.Net;
using System.Net.Sockets;

namespace HerokuOAuthMvc.Tests.Infrastructure;

public static class LoopbackPort
{
    /// <summary>A port nothing listens on right now, for a server the test starts in another process.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
