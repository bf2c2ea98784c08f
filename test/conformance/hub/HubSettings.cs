using System.Security.Cryptography;
using System.Text.Json;

namespace Enreach.Rte.ReferenceHub;

/// <summary>
/// Command-line options of the reference hub. Anything not listed here (e.g. <c>--urls</c>) is left for the
/// ASP.NET Core host.
/// </summary>
/// <remarks>
/// <c>--keepalive-ms</c> and <c>--client-timeout-ms</c> override HubOptions.KeepAliveInterval and
/// HubOptions.ClientTimeoutInterval; when absent the ASP.NET Core defaults (15 s and 30 s) apply untouched.
/// <c>--users</c> takes a JSON array of <c>{userId, email, secretKey, bearerToken}</c>; they all belong to
/// <c>--organization-id</c> (default: the demo organization).
/// <c>--signing-key</c> takes base64 so that a restarted process keeps accepting earlier tokens.
/// </remarks>
public sealed record HubSettings(
    TimeSpan? KeepAliveInterval,
    TimeSpan? ClientTimeoutInterval,
    TimeSpan TokenLifetime,
    byte[] SigningKey,
    IReadOnlyList<HubUser> Users,
    string[] HostArguments)
{
    public const string DefaultUrls = "http://127.0.0.1:0";

    public static HubSettings Parse(string[] args)
    {
        TimeSpan? keepAlive = null;
        TimeSpan? clientTimeout = null;
        var tokenLifetime = TimeSpan.FromSeconds(3600);
        byte[]? signingKey = null;
        string? usersJson = null;
        var organizationId = HubUser.DemoOrganizationId;
        var hostArguments = new List<string>();
        var urlsGiven = false;

        for (var i = 0; i < args.Length; i++)
        {
            var (name, inlineValue) = SplitOption(args[i]);
            string Value() => inlineValue ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value"));

            switch (name)
            {
                case "--keepalive-ms":
                    keepAlive = TimeSpan.FromMilliseconds(PositiveNumber(name, Value()));
                    break;
                case "--client-timeout-ms":
                    clientTimeout = TimeSpan.FromMilliseconds(PositiveNumber(name, Value()));
                    break;
                case "--token-lifetime-seconds":
                    tokenLifetime = TimeSpan.FromSeconds(PositiveNumber(name, Value()));
                    break;
                case "--signing-key":
                    signingKey = Convert.FromBase64String(Value());
                    break;
                case "--users":
                    usersJson = Value();
                    break;
                case "--organization-id":
                    organizationId = Guid.Parse(Value());
                    break;
                default:
                    if (name == "--urls")
                    {
                        urlsGiven = true;
                    }
                    hostArguments.Add(args[i]);
                    break;
            }
        }

        if (!urlsGiven)
        {
            hostArguments.Add("--urls");
            hostArguments.Add(DefaultUrls);
        }

        return new HubSettings(
            keepAlive,
            clientTimeout,
            tokenLifetime,
            signingKey ?? RandomNumberGenerator.GetBytes(32),
            usersJson is null ? [HubUser.Demo with { OrganizationId = organizationId }] : ParseUsers(usersJson, organizationId),
            [.. hostArguments]);
    }

    private static (string Name, string? InlineValue) SplitOption(string arg)
    {
        var eq = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static double PositiveNumber(string name, string value) =>
        double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive number");

    private sealed record UserOption(Guid UserId, string? Email, string? SecretKey, string? BearerToken, string? Password);

    private static IReadOnlyList<HubUser> ParseUsers(string json, Guid organizationId)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var parsed = JsonSerializer.Deserialize<UserOption[]>(json, options) is { Length: > 0 } users
            ? users
            : throw new ArgumentException("--users must be a non-empty JSON array");
        return [.. parsed.Select(u => new HubUser(
            u.UserId,
            u.Email ?? throw new ArgumentException("--users: every user needs an email"),
            u.SecretKey ?? throw new ArgumentException("--users: every user needs a secretKey"),
            u.BearerToken ?? throw new ArgumentException("--users: every user needs a bearerToken"),
            organizationId,
            u.Password))];
    }
}
