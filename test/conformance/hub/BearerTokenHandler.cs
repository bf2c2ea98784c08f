using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Enreach.Rte.ReferenceHub;

/// <summary>
/// Authenticates hub requests (negotiate and the WebSocket upgrade) with an RTE token, the way JwtBearer is wired
/// for SignalR: <c>access_token</c> from the query string on <c>/rte</c> paths, else the Authorization header.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken();
        if (token is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var (principal, failure) = tokens.Validate(token, Scheme.Name);
        return Task.FromResult(principal is null
            ? AuthenticateResult.Fail(failure ?? "The token is invalid.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Same header shape as JwtBearer: bare "Bearer" without a token, error="invalid_token" with a bad one.
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
    }

    private string? ReadToken()
    {
        // The standard SignalR recipe (JwtBearerEvents.OnMessageReceived): a browser WebSocket cannot set headers,
        // so the hub path also accepts the token from the query string, and that wins over the header.
        var queryToken = Request.Query["access_token"].ToString();
        if (!string.IsNullOrEmpty(queryToken) && Request.Path.StartsWithSegments("/rte"))
        {
            return queryToken;
        }

        var authorization = Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[prefix.Length..].Trim() is { Length: > 0 } headerToken ? headerToken : null
            : null;
    }
}
