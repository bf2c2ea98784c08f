using System.Text.Json;
using Enreach.Rte.ReferenceHub.Contracts;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Enreach.Rte.ReferenceHub;

/// <summary>
/// <c>/_control/*</c>: unauthenticated endpoints through which tests publish events and break connections.
/// </summary>
public static class ControlEndpoints
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CloseGracePeriod = TimeSpan.FromSeconds(2);

    public sealed record PublishRequest(string? EventName, string? EntityId, JsonElement? Data);

    public sealed record CloseRequest(bool? AllowReconnect, string? Error);

    public sealed record DenyRequest(string[]? EntityIds);

    public static void MapControlEndpoints(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_control");
        control.MapPost("/publish", Publish);
        control.MapPost("/drop", Drop);
        control.MapPost("/close", Close);
        control.MapPost("/revoke-tokens", (TokenService tokens) => Results.Json(new { revoked = tokens.RevokeAll() }));
        control.MapPost("/deny", (DenyRequest request, EntityPermissions permissions) =>
        {
            if (request.EntityIds is null)
            {
                return Results.BadRequest(new { error = "entityIds must be an array of strings" });
            }
            permissions.Deny(request.EntityIds);
            return Results.Json(new { });
        });
        control.MapGet("/stats", Stats);
    }

    private static async Task<IResult> Publish(
        PublishRequest request,
        ConnectionRegistry registry,
        IHubContext<RteHub> hub,
        HubStats stats,
        TimeProvider clock)
    {
        if (string.IsNullOrEmpty(request.EventName) || request.EntityId is null)
        {
            return Results.BadRequest(new { error = "eventName and entityId are required" });
        }
        if (request.Data is { } data && data.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return Results.BadRequest(new { error = "data must be an object" });
        }

        var eventType = EventCatalog.Canonical(request.EventName) ?? request.EventName;
        Guid.TryParse(request.EntityId, out var entityId);
        var envelope = new EventDataFactory.Envelope(eventType, entityId, HubUser.DemoOrganizationId, Guid.NewGuid(), clock.GetUtcNow().UtcDateTime);

        try
        {
            // Shape check before anything is sent, so a bad payload reaches nobody.
            EventDataFactory.Create(envelope, request.Data);
        }
        catch (JsonException ex)
        {
            return Results.BadRequest(new { error = $"data does not fit {eventType}: {ex.Message}" });
        }

        var delivered = 0;
        foreach (var connection in registry.All())
        {
            if (connection.Find(eventType, entityId) is not { } subscription)
            {
                continue;
            }
            var message = new RteMessage
            {
                Subscription = subscription,
                Data = EventDataFactory.Create(envelope with { OrganizationId = connection.OrganizationId }, request.Data),
            };
            await hub.Clients.Client(connection.Context.ConnectionId).SendAsync(RteHub.MessageReceived, message);
            delivered++;
        }

        stats.CountPublished(delivered);
        return Results.Json(new { delivered });
    }

    private static async Task<IResult> Drop(ConnectionRegistry registry)
    {
        var connections = registry.All();
        foreach (var connection in connections)
        {
            // Abort the HTTP request that carries the WebSocket: the socket is torn down with no Close message
            // and no WebSocket close frame, as when a network path dies.
            if (connection.Context.GetHttpContext() is { } http)
            {
                http.Abort();
            }
            else
            {
                connection.Context.Abort();
            }
        }
        await Settle(connections, SettleTimeout);
        return Results.Json(new { dropped = connections.Count });
    }

    private static async Task<IResult> Close(CloseRequest? request, ConnectionRegistry registry)
    {
        var allowReconnect = request?.AllowReconnect ?? false;
        var error = request?.Error;
        var connections = registry.All();

        if (error is null)
        {
            // Both are the framework's own paths, so the Close message is exactly what ASP.NET Core sends:
            // RequestClose() -> {"type":7,"allowReconnect":true} (the route HttpConnectionManager uses on
            // authentication expiry); Abort() -> {"type":7}.
            foreach (var connection in connections)
            {
                Teardown(connection, allowReconnect);
            }
        }
        else
        {
            // ASP.NET Core has no public way to close with a chosen error text: the framework only sends
            // "Connection closed with an error." for server-side exceptions. The Close message is therefore
            // written through the public HubConnectionContext.WriteAsync, and the client is given time to hang up
            // on it (as @microsoft/signalr does on any Close) before the framework tears the connection down,
            // which would otherwise follow with a second Close of its own.
            foreach (var connection in connections)
            {
                await connection.Context.WriteAsync(new CloseMessage(error, allowReconnect));
            }
            foreach (var connection in connections)
            {
                _ = TeardownAfterGrace(connection, allowReconnect);
            }
        }

        await Settle(connections, SettleTimeout);
        return Results.Json(new { closed = connections.Count });
    }

    private static IResult Stats(ConnectionRegistry registry, HubStats stats)
    {
        var connections = registry.All();
        return Results.Json(new
        {
            connections = connections.Count,
            subscriptions = connections.Sum(c => c.SubscriptionCount),
            calls = stats.Calls(),
            tokensIssued = stats.TokensIssued,
            negotiations = stats.Negotiations,
            published = stats.Published,
            delivered = stats.Delivered,
        });
    }

    private static void Teardown(RteConnection connection, bool allowReconnect)
    {
        if (allowReconnect && connection.Context.Features.Get<IConnectionLifetimeNotificationFeature>() is { } lifetime)
        {
            lifetime.RequestClose();
        }
        else
        {
            connection.Context.Abort();
        }
    }

    private static async Task TeardownAfterGrace(RteConnection connection, bool allowReconnect)
    {
        if (await Task.WhenAny(connection.Gone.Task, Task.Delay(CloseGracePeriod)) != connection.Gone.Task)
        {
            Teardown(connection, allowReconnect);
        }
    }

    private static Task Settle(IReadOnlyList<RteConnection> connections, TimeSpan timeout) =>
        Task.WhenAny(Task.WhenAll(connections.Select(c => c.Gone.Task)), Task.Delay(timeout));
}
