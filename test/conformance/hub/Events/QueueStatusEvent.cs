namespace Enreach.Rte.ReferenceHub.Events;

/// <summary>
/// QueueStatus as a C# class with the documented PascalCase properties and types (see <see cref="UserStatusEvent"/>).
/// </summary>
public sealed class QueueStatusEvent
{
    public string RootEntityType { get; set; } = "Organization";
    public Guid RootEntityId { get; set; }
    public string EventType { get; set; } = "QueueStatus";
    public string EntityType { get; set; } = "Queue";
    public Guid EntityId { get; set; }
    public int MessageTTLSeconds { get; set; } = 60;
    public Guid QueueId { get; set; }
    public Guid OrganizationId { get; set; }
    public string? QueueName { get; set; }
    public int NbrOfProviders { get; set; }
    public int NbrOfRequesters { get; set; }
    public int NbrOfServingAgentsEstimate { get; set; }
    public int NbrOfAllocated { get; set; }
    public int NbrOfConnected { get; set; }
    public int NbrOfQueuingRequesters { get; set; }
    public int NbrOfNotServedRequesters { get; set; }
    public int NbrOfAgentsLongTermAway { get; set; }
    public int NbrOfAgentsShortTermAway { get; set; }
    public int NbrOfAgentsImmediatelyFree { get; set; }
    public int NbrOfAgentsCheckedInQueue { get; set; }
    public int NbrOfAgentsOnWrapUp { get; set; }
    public int NbrOfAgentsOnFetchMode { get; set; }
    public long MaxWaitTime { get; set; }
    public int OpenStatus { get; set; }
    public Guid Id { get; set; }
    public DateTime Timestamp { get; set; }
}
