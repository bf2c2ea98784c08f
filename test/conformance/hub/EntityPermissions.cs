namespace Enreach.Rte.ReferenceHub;

/// <summary>The permission rule: every entity may be subscribed to except those on the deny list.</summary>
public sealed class EntityPermissions
{
    private HashSet<Guid> _denied = [];

    public void Deny(IEnumerable<string> entityIds) =>
        Volatile.Write(ref _denied, [.. entityIds.Select(id => Guid.TryParse(id, out var g) ? g : (Guid?)null).OfType<Guid>()]);

    public bool MaySubscribe(Guid entityId) => !Volatile.Read(ref _denied).Contains(entityId);
}
