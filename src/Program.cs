using Hangfire;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Accounts;
using Portal.Features.Admin;
using Portal.Features.City;
using Portal.Features.Consultations;
using Portal.Features.Funding;
using Portal.Features.Home;
using Portal.Features.Inbox;
using Portal.Features.Notices;
using Portal.Features.Projects;
using Portal.Features.Proposals;
using Portal.Features.Register;
using Portal.Features.Residents;
using Portal.Features.Votes;
using Portal.Files;
using Portal.Jobs;
using Portal.Notifications;
using Portal.Notifications.Email;
using Portal.Notifications.Sms;
using Portal.Ops;
using Portal.Payments;
using Portal.Web;

// Composition root: wiring only. `dotnet run -- <command>` runs an ops command and exits without serving.
if (args is [RoundRobinProxy.Command, ..]) return await RoundRobinProxy.RunAsync(args[1..]); // deploy/run-nodes.sh, no database
var command = OpsCommandLine.CommandIn(args);
var builder = WebApplication.CreateBuilder(command is null ? args : []);
if (command is not null) OpsCommandLine.QuietLogging(builder.Logging);

var config = builder.Configuration;
var services = builder.Services;

// The host and the edges (src/Data, Jobs, Notifications, Payments, Files, Web, Ops).
services.AddSingleton(TimeProvider.System);
services.AddPortalDatabase(config, builder.Environment);
var role = NodeSetup.Role(config);
services.AddPortalNode(config);
services.AddPortalKeyRing(config, builder.Environment);
services.AddPortalJobs(config, builder.Environment, runServer: command is null && role != NodeRole.Web);
services.AddPortalEmail(config);
services.AddPortalSms(config);
services.AddPortalNotifications();
services.AddPortalPayments(config);
services.AddPortalFiles();
services.AddPortalLocalization();
services.AddPortalPages();
services.AddPortalHealthChecks();
services.AddOpsCommands();

// The features, one line each (src/Features/<Feature>/<Feature>Setup.cs).
services.AddAccounts(config);
services.AddRegister(config);
services.AddResidents(config);
services.AddVotes(config);
services.AddProposals(config);
services.AddProjects(config);
services.AddFunding(config);
services.AddNotices(config);
services.AddConsultations(config);
services.AddInbox(config);
services.AddCity(config);
services.AddAdmin(config);
services.AddHome(config);

var app = builder.Build();

if (command is not null)
    return await OpsCommandLine.RunAsync(app.Services, args);

if (!await OpsCommandLine.PrepareDatabaseAsync(app.Services, seedDemo: app.Environment.IsDevelopment() || config.GetValue<bool>("Portal:SeedDemo")))
    return 1;

app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.DrainOnStop();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
app.UseApiErrors();
app.UseRequestLocalization(app.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapPortalHealth();
if (role == NodeRole.Worker)
{
    // A worker runs jobs and answers health checks; the proxy sends it no pages.
    app.Run();
    return 0;
}

app.MapRazorPages();
app.MapPortalFiles();
app.MapHangfireDashboard("/admin/jobs", new DashboardOptions { Authorization = [], AppPath = "/" })
   .RequireAuthorization(PortalPolicies.PlatformAdmin);
if (config.GetValue<bool>("Bench:Endpoints"))
    app.MapBenchEndpoints();

// The features' endpoints.
app.MapCity();
app.MapVotes();
app.MapFunding();

app.Run();
return 0;

public partial class Program;
