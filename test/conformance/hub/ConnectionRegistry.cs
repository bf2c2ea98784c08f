using System.Collections.Concurrent;

namespace Enreach.Rte.ReferenceHub;

/// <summary>Every hub connection currently open, by connection id.</summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, RteConnection> _connections = new();

    public void Add(RteConnection connection) => _connections[connection.Context.ConnectionId] = connection;

    public void Remove(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var connection))
        {
            connection.Gone.TrySetResult();
        }
    }

    public RteConnection? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public IReadOnlyList<RteConnection> All() => [.. _connections.Values];
}
