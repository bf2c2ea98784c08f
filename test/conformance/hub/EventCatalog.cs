namespace Enreach.Rte.ReferenceHub;

/// <summary>The event names the hub accepts, in canonical spelling, and the entity type each applies to.</summary>
public static class EventCatalog
{
    /// <summary>The 36 names of the published reference, then the names only the live service is known to use.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "UserAlert", "UserAvailability", "UserCallAvailableForMonitoring", "UserCallInArrived",
        "UserCallInCallbackCreated", "UserCallInComing", "UserCallInDisconnected", "UserCallInHoldEnd",
        "UserCallInHoldStart", "UserCallInOverflow", "UserCallInRecordingConverted", "UserCallInTransferCancelled",
        "UserCallInTransferConnected", "UserCallInTransferStarted", "UserCallInUserAllocated", "UserCallInUserCancelled",
        "UserCallInUserConnected", "UserCallInUserOverflow", "UserCallOutConnected", "UserCallOutDisconnected",
        "UserCallOutGoing", "UserCallOutHoldEnd", "UserCallOutHoldStart", "UserCallOutRecordingConverted",
        "UserRealTimeTranscriptPhrase", "UserSetting", "UserStatus", "UserSupervisionStatus", "UserTerminalStatus",
        "UserWrapUpEnabled", "UserWrapUpRequestInitiate", "UserWrapUpRequestTerminate", "UserWrapUpStarted",
        "UserWrapUpTerminated", "QueueStatus", "CallbackChanged",
        "QueueCallInComing", "QueueCallInArrived", "QueueCallInUserAllocated", "QueueCallInUserConnected",
        "QueueCallInUserCancelled", "QueueCallInOverflow", "QueueCallInTransferStarted", "QueueCallInTransferConnected",
        "QueueCallInTransferCancelled", "QueueCallInDisconnected", "UserCallbackChanged", "UserQueueAlert",
        "UserContactCard", "UserAction", "UserActionMobileCall", "UserConfigurationSetNextCLI",
        "CallbackCreated", "CallbackUpdated", "CallbackClosed",
    ];

    private static readonly Dictionary<string, string> ByLowerCase =
        Names.ToDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical spelling of an event name matched case-insensitively, or null when unknown.</summary>
    public static string? Canonical(string? name) =>
        name is not null && ByLowerCase.TryGetValue(name, out var canonical) ? canonical : null;

    public static string EntityTypeOf(string canonicalName) =>
        canonicalName.StartsWith("Queue", StringComparison.Ordinal) ? "Queue"
        : canonicalName.StartsWith("Callback", StringComparison.Ordinal) ? "CallList"
        : "User";
}
