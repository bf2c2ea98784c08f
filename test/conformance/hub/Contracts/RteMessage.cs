namespace Enreach.Rte.ReferenceHub.Contracts;

/// <summary>
/// The single argument of the MessageReceived client method. <see cref="Data"/> is typed <c>object</c> so the
/// serialiser writes the runtime type: an event class, or a dictionary standing in for one.
/// </summary>
public sealed class RteMessage
{
    public required Subscription Subscription { get; init; }

    public required object Data { get; init; }
}
