using System.Text;
using System.Text.Json.Serialization;

namespace Enreach.Rte.ReferenceHub;

/// <summary><c>GET /token/{me|userId}/rte/</c>: trades REST credentials for an RTE token.</summary>
public static class TokenEndpoint
{
    // The live REST API answers in PascalCase and spells the endpoint key "WSSEndpoint".
    public sealed record TokenResponse(
        [property: JsonPropertyName("WSSEndpoint")] string WssEndpoint,
        [property: JsonPropertyName("Token")] string Token);

    // Refusals carry the ASP.NET Web API error body the REST API answers with, as the emulator does.
    public sealed record ErrorResponse([property: JsonPropertyName("Message")] string Message);

    public static void MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/token/{userId}/rte/", (string userId, HttpContext http, HubSettings settings, TokenService tokens) =>
        {
            var caller = Authenticate(http.Request.Headers.Authorization.ToString(), settings.Users);
            if (caller is null)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"Enreach API\"";
                return Results.Json(new ErrorResponse("Authorization has been denied for this request."), statusCode: StatusCodes.Status401Unauthorized);
            }

            var ownId = string.Equals(userId, "me", StringComparison.OrdinalIgnoreCase)
                || (Guid.TryParse(userId, out var requested) && requested == caller.UserId);
            if (!ownId)
            {
                return Results.Json(new ErrorResponse("Forbidden"), statusCode: StatusCodes.Status403Forbidden);
            }

            var endpoint = $"ws://{http.Request.Host}/rte";
            return Results.Json(new TokenResponse(endpoint, tokens.Issue(caller)));
        });
    }

    private static HubUser? Authenticate(string authorization, IReadOnlyList<HubUser> users)
    {
        var space = authorization.IndexOf(' ');
        if (space <= 0)
        {
            return null;
        }

        var scheme = authorization[..space];
        var value = authorization[(space + 1)..].Trim();

        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return users.FirstOrDefault(u => u.BearerToken == value);
        }

        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':');
        if (colon < 0)
        {
            return null;
        }

        var email = decoded[..colon];
        var secretKey = decoded[(colon + 1)..];
        return users.FirstOrDefault(u =>
            string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase) && u.SecretKey == secretKey);
    }
}
