using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Jobs;
using Portal.Notifications;
using Portal.Notifications.Email;
using Portal.Ops;
using Portal.Features.City;
using Portal.Files;
using Portal.Features.Register;
using Portal.Features.Proposals;
using Portal.Features.Notices;
using Portal.Features.Funding;
using Portal.Features.Shared;
using Portal.Web;
using Portal.Features.Votes;
using Portal.Payments;

// `dotnet run -- <command>` runs an ops command and exits without serving.
var command = OpsCommandLine.CommandIn(args);
var builder = WebApplication.CreateBuilder(command is null ? args : []);
if (command is not null) OpsCommandLine.QuietLogging(builder.Logging);

var config = builder.Configuration;
var services = builder.Services;

services.AddSingleton(TimeProvider.System);
services.AddPortalDatabase(config, builder.Environment);
services.AddPortalIdentity(config);
services.AddPortalJobs(config, builder.Environment, runServer: command is null);
services.AddPortalEmail(config);
services.AddPortalNotifications();
services.AddPortalNotices();
services.AddPortalPayments(config);
services.AddPortalFunding(config);
services.AddPortalLocalization();
services.AddPortalPages();
services.AddPortalHealthChecks();
services.AddPortalFiles();
services.AddProposals();
services.AddCityDashboard();
services.AddOpsCommands();
services.AddRegister(config);
services.AddVotes();

var app = builder.Build();

if (command is not null)
    return await OpsCommandLine.RunAsync(app.Services, args);

if (!await OpsCommandLine.PrepareDatabaseAsync(app.Services, seedDemo: app.Environment.IsDevelopment() || config.GetValue<bool>("Portal:SeedDemo")))
    return 1;

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
app.UseRequestLocalization(app.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapRazorPages();
app.MapHealthChecks("/healthz");
app.MapPortalFiles();
app.MapPortalFunding();
app.MapCityDashboard();
app.MapVoteEndpoints();
app.MapHangfireDashboard("/admin/jobs", new DashboardOptions { Authorization = [], AppPath = "/" })
   .RequireAuthorization(PortalPolicies.PlatformAdmin);
if (config.GetValue<bool>("Bench:Endpoints"))
    app.MapBenchEndpoints();

app.Run();
return 0;

public partial class Program;
