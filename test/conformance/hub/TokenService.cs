using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Enreach.Rte.ReferenceHub;

/// <summary>
/// Issues and validates the HS256 RTE tokens. Hand-rolled because the JwtBearer handler is a NuGet package and
/// the hub builds from the shared framework only.
/// </summary>
public sealed class TokenService(HubSettings settings, HubStats stats, TimeProvider clock)
{
    public const string SubjectClaim = "sub";
    public const string EmailClaim = "email";
    public const string OrganizationClaim = "org";

    private static readonly string EncodedHeader = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    private readonly object _gate = new();
    private readonly HashSet<string> _issued = [];
    private readonly HashSet<string> _revoked = [];

    public string Issue(HubUser user)
    {
        var issuedAt = clock.GetUtcNow().ToUnixTimeSeconds();
        var jti = Guid.NewGuid().ToString();
        var payload = new JsonObject
        {
            [SubjectClaim] = user.UserId.ToString(),
            [EmailClaim] = user.Email,
            [OrganizationClaim] = user.OrganizationId.ToString(),
            ["iat"] = issuedAt,
            ["exp"] = issuedAt + (long)settings.TokenLifetime.TotalSeconds,
            ["jti"] = jti,
        };
        var signingInput = $"{EncodedHeader}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        var token = $"{signingInput}.{Sign(signingInput)}";

        lock (_gate)
        {
            _issued.Add(jti);
        }
        stats.CountTokenIssued();
        return token;
    }

    /// <summary>Refuses every token issued so far; returns how many were newly refused.</summary>
    public int RevokeAll()
    {
        lock (_gate)
        {
            var count = _issued.Count;
            _revoked.UnionWith(_issued);
            _issued.Clear();
            return count;
        }
    }

    /// <summary>Returns the token's identity, or the reason it is refused.</summary>
    public (ClaimsPrincipal? Principal, string? Failure) Validate(string token, string authenticationType)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return (null, "The token is malformed.");
        }

        JsonNode? header;
        JsonNode? payload;
        try
        {
            header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]));
            payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return (null, "The token is malformed.");
        }

        if (header?["alg"]?.GetValueKind() != JsonValueKind.String || (string?)header["alg"] != "HS256")
        {
            return (null, "The token algorithm is not accepted.");
        }

        var expected = Encoding.ASCII.GetBytes(Sign($"{parts[0]}.{parts[1]}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            return (null, "The signature is invalid.");
        }

        if (payload is not JsonObject claims
            || claims["exp"]?.GetValueKind() != JsonValueKind.Number
            || claims[SubjectClaim]?.GetValueKind() != JsonValueKind.String
            || claims[OrganizationClaim]?.GetValueKind() != JsonValueKind.String
            || claims["jti"]?.GetValueKind() != JsonValueKind.String)
        {
            return (null, "The token lacks required claims.");
        }

        // Zero clock skew: the contract says an expired token is refused, full stop.
        if (clock.GetUtcNow().ToUnixTimeSeconds() >= (long)claims["exp"]!)
        {
            return (null, "The token expired.");
        }

        lock (_gate)
        {
            if (_revoked.Contains((string)claims["jti"]!))
            {
                return (null, "The token was revoked.");
            }
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(SubjectClaim, (string)claims[SubjectClaim]!),
                new Claim(OrganizationClaim, (string)claims[OrganizationClaim]!),
                new Claim(EmailClaim, (string?)claims[EmailClaim] ?? string.Empty),
            ],
            authenticationType,
            SubjectClaim,
            null);
        return (new ClaimsPrincipal(identity), null);
    }

    private string Sign(string signingInput) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(settings.SigningKey, Encoding.ASCII.GetBytes(signingInput)));
}
