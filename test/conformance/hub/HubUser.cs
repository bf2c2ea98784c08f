namespace Enreach.Rte.ReferenceHub;

/// <summary>A user the hub knows: REST credentials plus the identity carried in the RTE token.</summary>
public sealed record HubUser(Guid UserId, string Email, string SecretKey, string BearerToken, Guid OrganizationId, string? Password = null)
{
    public static readonly Guid DemoOrganizationId = Guid.Parse("29f6e823-b484-e611-80c9-00505689257e");

    public static readonly HubUser Demo = new(
        Guid.Parse("6f1d2c3b-0a4e-4d8f-9b7a-1c2d3e4f5a6b"),
        "demo@example.com",
        "demo-secret-key",
        "demo-bearer-token",
        DemoOrganizationId,
        "demo-password");
}
