namespace Enreach.Rte.ReferenceHub.Contracts;

/// <summary>One item of the Subscribe / Unsubscribe argument. The hub protocol binds property names case-insensitively.</summary>
public sealed class EntitySubscription
{
    public string? EntityId { get; set; }

    public string? EventName { get; set; }
}
