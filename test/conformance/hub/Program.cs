using System.Text.Json;
using Enreach.Rte.ReferenceHub;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;

HubSettings settings;
try
{
    settings = HubSettings.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException)
{
    Console.Error.WriteLine($"reference hub: {ex.Message}");
    return 2;
}

var builder = WebApplication.CreateBuilder(settings.HostArguments);

// stdout carries only the ready line; errors go to stderr.
builder.Logging.ClearProviders();
builder.Logging.SetMinimumLevel(LogLevel.Error);
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));

builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<HubStats>();
builder.Services.AddSingleton<TokenService>();
builder.Services.AddSingleton<ConnectionRegistry>();
builder.Services.AddSingleton<EntityPermissions>();

// Browser pages on other origins fetch a token and connect with credentials: echo the origin (a wildcard is not
// allowed together with credentials) and allow whatever headers and methods the preflight asks for.
builder.Services.AddCors(o => o.AddDefaultPolicy(policy => policy
    .SetIsOriginAllowed(_ => true)
    .AllowAnyHeader()
    .AllowAnyMethod()
    .AllowCredentials()));

builder.Services
    .AddAuthentication(BearerTokenHandler.SchemeName)
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
builder.Services.AddAuthorization();

builder.Services
    .AddSignalR(o =>
    {
        // Unset options keep the ASP.NET Core defaults (KeepAliveInterval 15 s, ClientTimeoutInterval 30 s).
        if (settings.KeepAliveInterval is { } keepAlive)
        {
            o.KeepAliveInterval = keepAlive;
        }
        if (settings.ClientTimeoutInterval is { } clientTimeout)
        {
            o.ClientTimeoutInterval = clientTimeout;
        }
    })
    .AddJsonProtocol(o =>
    {
        // SignalR's default PayloadSerializerOptions camel-case property names (PropertyNamingPolicy) but leave
        // dictionary keys as they are (DictionaryKeyPolicy is null). The live service pushes event classes, whose
        // properties come out camelCase; the dictionaries that stand in for classes not modelled here get the
        // same policy applied to their keys, so they leave the hub exactly as those classes would.
        o.PayloadSerializerOptions.DictionaryKeyPolicy = o.PayloadSerializerOptions.PropertyNamingPolicy;
    });
builder.Services.AddSingleton<HubLifetimeManager<RteHub>, TrackingHubLifetimeManager>();

var app = builder.Build();

app.Use(async (context, next) =>
{
    await next(context);
    if (context.Request.Path.Equals("/rte/negotiate", StringComparison.OrdinalIgnoreCase)
        && context.Response.StatusCode == StatusCodes.Status200OK)
    {
        app.Services.GetRequiredService<HubStats>().CountNegotiation();
    }
});
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();

app.MapTokenEndpoint();
app.MapControlEndpoints();
app.MapHub<RteHub>("/rte", o => o.Transports = HttpTransportType.WebSockets).RequireAuthorization();

await app.StartAsync();

var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.Out.WriteLine(JsonSerializer.Serialize(new { ready = true, url }));
Console.Out.Flush();

// The parent keeps stdin open for as long as it wants the hub: EOF means it is gone or done.
var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
_ = Task.Run(() =>
{
    using var stdin = Console.OpenStandardInput();
    var buffer = new byte[256];
    while (stdin.Read(buffer) > 0)
    {
    }
    lifetime.StopApplication();
});

await app.WaitForShutdownAsync();
return 0;
