namespace Enreach.Rte.ReferenceHub.Contracts;

/// <summary>An active subscription as returned by ActiveSubscriptions and carried in every MessageReceived.</summary>
public sealed class Subscription
{
    public Guid Id { get; init; }

    public bool AllRootEntities { get; init; }

    public Guid RootEntityId { get; init; }

    public string RootEntityType { get; init; } = "Organization";

    public Guid OrganizationId { get; init; }

    public required string EventType { get; init; }

    public required string EntityType { get; init; }

    public Guid EntityId { get; init; }

    public bool AllEntities { get; init; }
}
