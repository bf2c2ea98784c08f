using Enreach.Rte.ReferenceHub.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace Enreach.Rte.ReferenceHub;

/// <summary>The RTE hub at <c>/rte</c>: subscription management only; events are pushed by the control endpoints.</summary>
public sealed class RteHub(ConnectionRegistry registry, EntityPermissions permissions, HubStats stats) : Hub
{
    public const string MessageReceived = "MessageReceived";

    // JSON null binds to a null list or item; using it fails as a plain implementation of the contract
    // would, and the client gets the framework's generic "An unexpected error occurred invoking" text.
    public IReadOnlyList<SubscriptionResult> Subscribe(EntitySubscription[] items)
    {
        stats.CountCall(nameof(Subscribe));
        var connection = Current();
        return [.. items.Select(item => Apply(item, subscribe: true, connection))];
    }

    public IReadOnlyList<SubscriptionResult> Unsubscribe(EntitySubscription[] items)
    {
        stats.CountCall(nameof(Unsubscribe));
        var connection = Current();
        return [.. items.Select(item => Apply(item, subscribe: false, connection))];
    }

    public bool UnsubscribeAll()
    {
        stats.CountCall(nameof(UnsubscribeAll));
        Current().UnsubscribeAll();
        return true;
    }

    public IReadOnlyList<string> AvailableSubscriptions()
    {
        stats.CountCall(nameof(AvailableSubscriptions));
        return EventCatalog.Names;
    }

    public IReadOnlyList<Subscription> ActiveSubscriptions()
    {
        stats.CountCall(nameof(ActiveSubscriptions));
        return Current().Subscriptions();
    }

    private RteConnection Current() =>
        registry.Find(Context.ConnectionId) ?? throw new InvalidOperationException("connection is not registered");

    // Validation order as documented: EntityId, then EventName, then permission.
    private SubscriptionResult Apply(EntitySubscription item, bool subscribe, RteConnection connection)
    {
        var result = new SubscriptionResult
        {
            EntityId = item.EntityId,
            EventName = item.EventName?.ToLowerInvariant(),
        };

        if (!Guid.TryParse(item.EntityId, out var entityId))
        {
            return Failed(result, "Invalid EntityId");
        }

        var eventType = EventCatalog.Canonical(item.EventName);
        if (eventType is null)
        {
            return Failed(result, "Invalid event name");
        }

        if (!permissions.MaySubscribe(entityId))
        {
            return Failed(result, "Unauthorized");
        }

        if (subscribe)
        {
            connection.Subscribe(eventType, entityId);
        }
        else
        {
            connection.Unsubscribe(eventType, entityId);
        }

        return new SubscriptionResult
        {
            Subscribed = subscribe,
            Message = null,
            EntityId = result.EntityId,
            EventName = result.EventName,
        };
    }

    private static SubscriptionResult Failed(SubscriptionResult result, string message) => new()
    {
        Subscribed = false,
        Message = message,
        EntityId = result.EntityId,
        EventName = result.EventName,
    };
}
