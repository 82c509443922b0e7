using System.Reflection;

namespace Portal.Tests.Foundation;

/// <summary>
/// The layers hold: the domain is plain C#, edges and features never use a page, page models leave database writes to
/// use cases. Each rule runs on the app and, to prove it can fail, on deliberate violations in ArchitectureFixtures.cs.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly App = typeof(Program).Assembly;
    private static readonly Assembly Fixtures = typeof(ArchitectureTests).Assembly;


    [Fact]
    public void Domain_references_no_web_database_payment_email_or_job_library()
    {
        var offenders = ArchitectureRules.DomainTypesWithOutsideDependencies(App);
        Assert.True(offenders.Count == 0, "Domain types with outside dependencies: " + string.Join(", ", offenders));
    }

    [Fact]
    public void The_domain_rule_fails_on_a_domain_type_that_uses_ef_core()
    {
        Assert.Contains("Portal.Domain.Fake.DomainThatUsesTheDatabase", ArchitectureRules.DomainTypesWithOutsideDependencies(Fixtures));
    }

    [Fact]
    public void Edges_and_features_never_reference_pages()
    {
        var offenders = ArchitectureRules.TypesBelowPagesUsingPages(App);
        Assert.True(offenders.Count == 0, "Types below the pages that use Portal.Pages: " + string.Join(", ", offenders));
    }

    [Fact]
    public void The_pages_rule_fails_on_a_feature_that_uses_a_page()
    {
        Assert.Contains("Portal.Features.Fake.FeatureThatUsesAPage", ArchitectureRules.TypesBelowPagesUsingPages(Fixtures));
    }

    [Fact]
    public void The_write_rule_finds_every_kind_of_write_in_a_page_model_and_none_in_one_that_reads()
    {
        var writes = ArchitectureRules.PageModelDatabaseWrites(Fixtures).Select(w => w.ToString()).ToList();
        const string page = "Portal.Tests.Foundation.Fixtures.PageModelThatWrites";
        Assert.Contains($"{page}.OnPostAsync calls DbContext.Add", writes);
        Assert.Contains($"{page}.OnPostAsync calls DbContext.SaveChangesAsync", writes);
        Assert.Contains($"{page}.OnPostRemove calls DbSet`1.Remove", writes);
        Assert.Contains($"{page}.OnPostRemove calls DbContext.SaveChanges", writes);
        Assert.Contains(writes, w => w.StartsWith($"{page}.OnPostReadAllAsync calls ", StringComparison.Ordinal) && w.EndsWith(".ExecuteDeleteAsync", StringComparison.Ordinal));
        Assert.DoesNotContain(writes, w => w.Contains("PageModelThatReads", StringComparison.Ordinal));
    }

    [Fact]
    public void Page_models_leave_database_writes_to_use_cases()
    {
        var writes = ArchitectureRules.PageModelDatabaseWrites(App);
        Assert.True(writes.Count == 0, "Page models that write to the database (move the write into a use case in src/Features/<Feature>/):\n"
                                       + string.Join("\n", writes));
    }
}
