using NetArchTest.Rules;

namespace Portal.Tests.Foundation;

public sealed class ArchitectureTests
{
    [Fact]
    public void Domain_references_no_web_database_payment_email_or_job_library()
    {
        var result = Types.InAssembly(typeof(Program).Assembly)
            .That().ResideInNamespace("Portal.Domain")
            .ShouldNot().HaveDependencyOnAny(
                "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Stripe", "SendGrid", "Hangfire",
                "Portal.Data", "Portal.Pages", "Portal.Payments", "Portal.Notifications", "Portal.Jobs", "Portal.Ops")
            .GetResult();
        Assert.True(result.IsSuccessful, "Domain types with outside dependencies: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
