using System.Text;
using System.Text.Json.Serialization;

namespace Enreach.Rte.ReferenceHub;

/// <summary><c>GET /token/{me|userId}/rte/</c>: trades REST credentials for an RTE token.</summary>
public static class TokenEndpoint
{
    // Refusals carry the ASP.NET Web API error body the REST API answers with, as the emulator does.
    public sealed record ErrorResponse([property: JsonPropertyName("Message")] string Message);

    /// <summary>How the token response writes the hub URL: scheme (or none) and the key's spelling; switchable by tests.</summary>
    public sealed class ResponseForm
    {
        public string Endpoint { get; set; } = "ws";
        public string Key { get; set; } = "WSSEndpoint";
    }

    public sealed record FormRequest(string? Endpoint, string? Key);

    public sealed record AuthUserRequest(string? UserName, string? Password);

    private static readonly string[] Endpoints = ["ws", "wss", "schemeless"];
    private static readonly string[] Keys = ["WSSEndpoint", "WssEndpoint", "wssEndpoint"];

    public static void MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        var form = new ResponseForm();

        app.MapPost("/_control/token-response", (FormRequest request) =>
        {
            var endpoint = request.Endpoint ?? "ws";
            var key = request.Key ?? "WSSEndpoint";
            if (!Endpoints.Contains(endpoint) || !Keys.Contains(key))
            {
                return Results.BadRequest(new { error = "unknown token response form" });
            }
            form.Endpoint = endpoint;
            form.Key = key;
            return Results.Json(new { });
        });

        // The discovery service: which API a user lives on.
        app.MapGet("/api/user", (string? user, HttpContext http, HubSettings settings) =>
        {
            var email = (user ?? "").ToLowerInvariant();
            var known = settings.Users.Any(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
            return known
                ? Results.Json(new[] { new { user = email, apiEndpoint = $"http://{http.Request.Host}/" } })
                : Results.Json(Array.Empty<object>());
        });

        // Trades a password for the secret key.
        app.MapPost("/authuser/{email}/", (string email, AuthUserRequest request, HubSettings settings) =>
        {
            var user = settings.Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
            if (user?.Password is null || request.Password != user.Password)
            {
                return Results.Json(new ErrorResponse("Authorization has been denied for this request."), statusCode: StatusCodes.Status401Unauthorized);
            }
            return Results.Json(new Dictionary<string, string> { ["UserID"] = user.UserId.ToString(), ["SecretKey"] = user.SecretKey });
        });

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

            var hostAndPath = $"{http.Request.Host}/rte";
            var endpoint = form.Endpoint == "schemeless" ? hostAndPath : $"{form.Endpoint}://{hostAndPath}";
            return Results.Json(new Dictionary<string, string> { [form.Key] = endpoint, ["Token"] = tokens.Issue(caller) });
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
