using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;

namespace Enreach.Rte.ReferenceHub;

/// <summary>
/// The default lifetime manager, plus a record of each <see cref="HubConnectionContext"/>: the control endpoints
/// need the connection itself (to write a Close message, request a close or reach its HttpContext), which a Hub
/// only sees through HubCallerContext.
/// </summary>
public sealed class TrackingHubLifetimeManager(ILogger<DefaultHubLifetimeManager<RteHub>> logger, ConnectionRegistry registry)
    : DefaultHubLifetimeManager<RteHub>(logger)
{
    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        var organization = connection.User.FindFirstValue(TokenService.OrganizationClaim);
        registry.Add(new RteConnection(connection, Guid.TryParse(organization, out var org) ? org : Guid.Empty));
        return base.OnConnectedAsync(connection);
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        await base.OnDisconnectedAsync(connection);
        registry.Remove(connection.ConnectionId);
    }
}
