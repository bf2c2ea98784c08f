using System.Text.Json;
using System.Text.Json.Nodes;
using Enreach.Rte.ReferenceHub.Events;

namespace Enreach.Rte.ReferenceHub;

/// <summary>
/// Turns the JSON a test publishes into the object the hub hands to SignalR as MessageReceived data.
/// </summary>
/// <remarks>
/// The live service pushes C# event classes with PascalCase properties; SignalR's JSON protocol camel-cases
/// them through PayloadSerializerOptions.PropertyNamingPolicy. Events modelled here as classes take that exact
/// path. Every other event becomes a dictionary with PascalCase keys (nested objects too), standing in for the
/// class the live service would have; see Program.cs for why its keys are camel-cased the same way.
/// </remarks>
public static class EventDataFactory
{
    private static readonly JsonSerializerOptions ReadOptions = new() { PropertyNameCaseInsensitive = true };

    public sealed record Envelope(string EventType, Guid EntityId, Guid OrganizationId, Guid Id, DateTime Timestamp);

    /// <exception cref="JsonException">The data does not fit the event's class.</exception>
    public static object Create(Envelope envelope, JsonElement? data)
    {
        var input = data is { ValueKind: JsonValueKind.Object } element ? element : (JsonElement?)null;

        return envelope.EventType switch
        {
            "UserStatus" => FromClass<UserStatusEvent>(envelope, input),
            "QueueStatus" => FromClass<QueueStatusEvent>(envelope, input),
            _ => FromDictionary(envelope, input),
        };
    }

    private static (string Name, object Value)[] HeaderDefaults(Envelope e) =>
    [
        ("RootEntityType", "Organization"),
        ("RootEntityId", e.OrganizationId),
        ("EventType", e.EventType),
        ("EntityType", EventCatalog.EntityTypeOf(e.EventType)),
        ("EntityId", e.EntityId),
    ];

    private static (string Name, object Value)[] TrailerDefaults(Envelope e) =>
    [
        ("OrganizationId", e.OrganizationId),
        ("Id", e.Id),
        ("Timestamp", e.Timestamp),
    ];

    private static T FromClass<T>(Envelope envelope, JsonElement? input)
    {
        var json = input is { } element ? JsonObject.Create(element)! : new JsonObject();
        foreach (var (name, value) in HeaderDefaults(envelope).Concat(TrailerDefaults(envelope)))
        {
            if (!Has(input, name))
            {
                json[name] = JsonSerializer.SerializeToNode(value);
            }
        }
        return json.Deserialize<T>(ReadOptions) ?? throw new JsonException("data is null");
    }

    private static Dictionary<string, object?> FromDictionary(Envelope envelope, JsonElement? input)
    {
        var given = new Dictionary<string, object?>();
        if (input is { } element)
        {
            foreach (var property in element.EnumerateObject())
            {
                given[PascalCase(property.Name)] = Convert(property.Value);
            }
        }

        // The envelope leads, as in the event classes (and the emulator); a value the publisher gave wins.
        var result = new Dictionary<string, object?>();
        foreach (var (name, value) in HeaderDefaults(envelope))
        {
            result[name] = given.TryGetValue(name, out var own) ? own : value;
        }
        foreach (var (name, value) in given)
        {
            result.TryAdd(name, value);
        }
        foreach (var (name, value) in TrailerDefaults(envelope))
        {
            result.TryAdd(name, value);
        }
        return result;
    }

    private static object? Convert(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => ConvertObject(value),
        JsonValueKind.Array => value.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.Null => null,
        _ => value.Clone(),
    };

    private static Dictionary<string, object?> ConvertObject(JsonElement value)
    {
        var result = new Dictionary<string, object?>();
        foreach (var property in value.EnumerateObject())
        {
            result[PascalCase(property.Name)] = Convert(property.Value);
        }
        return result;
    }

    private static bool Has(JsonElement? input, string name) =>
        input is { } element && element.EnumerateObject().Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    // Names as a C# property would spell them; the payload naming policy then decides the wire casing.
    private static string PascalCase(string name) =>
        name.Length == 0 || char.IsUpper(name[0]) ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
