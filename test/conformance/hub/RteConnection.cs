using Enreach.Rte.ReferenceHub.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace Enreach.Rte.ReferenceHub;

/// <summary>One live hub connection and the subscriptions that belong to it (and die with it).</summary>
public sealed class RteConnection(HubConnectionContext context, Guid organizationId)
{
    private readonly List<Subscription> _subscriptions = [];

    public HubConnectionContext Context { get; } = context;

    public Guid OrganizationId { get; } = organizationId;

    /// <summary>Completes once the connection is gone, however it ended.</summary>
    public TaskCompletionSource Gone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int SubscriptionCount
    {
        get
        {
            lock (_subscriptions)
            {
                return _subscriptions.Count;
            }
        }
    }

    public IReadOnlyList<Subscription> Subscriptions()
    {
        lock (_subscriptions)
        {
            return [.. _subscriptions];
        }
    }

    /// <summary>Adds the subscription unless an equal one exists; subscribing twice is not an error.</summary>
    public void Subscribe(string eventType, Guid entityId)
    {
        lock (_subscriptions)
        {
            if (Find(eventType, entityId) is null)
            {
                _subscriptions.Add(new Subscription
                {
                    Id = Guid.NewGuid(),
                    RootEntityId = OrganizationId,
                    OrganizationId = OrganizationId,
                    EventType = eventType,
                    EntityType = EventCatalog.EntityTypeOf(eventType),
                    EntityId = entityId,
                });
            }
        }
    }

    public void Unsubscribe(string eventType, Guid entityId)
    {
        lock (_subscriptions)
        {
            _subscriptions.RemoveAll(s => Matches(s, eventType, entityId));
        }
    }

    public void UnsubscribeAll()
    {
        lock (_subscriptions)
        {
            _subscriptions.Clear();
        }
    }

    public Subscription? Find(string eventType, Guid entityId)
    {
        lock (_subscriptions)
        {
            return _subscriptions.FirstOrDefault(s => Matches(s, eventType, entityId));
        }
    }

    private static bool Matches(Subscription s, string eventType, Guid entityId) =>
        s.EntityId == entityId && string.Equals(s.EventType, eventType, StringComparison.OrdinalIgnoreCase);
}
