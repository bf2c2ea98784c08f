namespace Enreach.Rte.ReferenceHub.Events;

/// <summary>
/// UserStatus as a C# class with the documented PascalCase properties and types, so its wire casing comes from
/// the hub protocol's naming policy exactly as on the live service. Properties the publisher leaves out keep
/// their .NET defaults, as a real event object would.
/// </summary>
public sealed class UserStatusEvent
{
    public string RootEntityType { get; set; } = "Organization";
    public Guid RootEntityId { get; set; }
    public string EventType { get; set; } = "UserStatus";
    public string EntityType { get; set; } = "User";
    public Guid EntityId { get; set; }
    // The documented examples of UserStatus and QueueStatus carry 60.
    public int MessageTTLSeconds { get; set; } = 60;
    public Guid UserId { get; set; }
    public Guid OrganizationId { get; set; }
    public bool CanBeAllocatedTo { get; set; }
    public bool Talking { get; set; }
    public DateTime? TalkingStatusChanged { get; set; }
    public Guid? ActiveQueueId { get; set; }
    public Guid? ActiveCallListId { get; set; }
    public bool Available { get; set; }
    public bool Schedule { get; set; }
    public bool Serving { get; set; }
    public int ServiceTerminals { get; set; }
    public int ActiveQueues { get; set; }
    public int ParkedCalls { get; set; }
    public DateTime? WrapUpStart { get; set; }
    public DateTime? WrapUpEnd { get; set; }
    public bool ServingCallback { get; set; }
    public bool FetchMode { get; set; }
    public string? Note { get; set; }
    // Documented as the enum AvailabilityStatusesAVA and shown on the wire as its name. An enum is never null:
    // left out, it is the enum's default, which the documented example (all defaults otherwise) shows as
    // "Available".
    public string AvailabilityStatus { get; set; } = "Available";
    public Guid Id { get; set; }
    public DateTime Timestamp { get; set; }
}
