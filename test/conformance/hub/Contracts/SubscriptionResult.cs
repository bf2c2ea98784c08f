namespace Enreach.Rte.ReferenceHub.Contracts;

/// <summary>Outcome of one Subscribe / Unsubscribe item; the hub protocol's naming policy camel-cases it.</summary>
public sealed class SubscriptionResult
{
    public bool Subscribed { get; init; }

    public string? Message { get; init; }

    public string? EntityId { get; init; }

    public string? EventName { get; init; }
}
