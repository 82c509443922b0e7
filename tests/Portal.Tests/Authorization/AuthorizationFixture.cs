using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portal.Domain.Residents;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Authorization;

/// <summary>Who is who in the authorization tests: compound A (唐山市路北区) and compound B (北京市朝阳区), one client per role.</summary>
public sealed class AuthorizationFixture : IAsyncLifetime
{
    public PortalFactory Factory { get; } = new();
    public TestCompound A { get; private set; } = null!;
    public TestCompound B { get; private set; } = null!;
    public List<Actor> Actors { get; } = [];

    /// <summary>One role, its signed-in client, an antiforgery token for it, and what it may do in compound A.</summary>
    public sealed record Actor(string Name, HttpClient Client, string Token, Membership InA, string? UserId = null)
    {
        public override string ToString() => Name;
    }

    public async ValueTask InitializeAsync()
    {
        A = await Factory.CreateCompoundAsync("AUTHA", city: "唐山市", district: "路北区");
        B = await Factory.CreateCompoundAsync("AUTHB", city: "北京市", district: "朝阳区");
        var a101 = A.Flat("1-1-101");
        var a102 = A.Flat("1-1-102");
        var b101 = B.Flat("1-1-101");
        var entrance = A.Entrance("1", "1");

        var none = new List<CompoundRoleGrant>();
        await Add("anonymous", Factory.NewClient(), Membership.Anonymous);

        var (residentAId, residentA) = await Factory.ResidentAsync(A, a101, email: "resident-a@example.com");
        await Add("resident of A", residentA, new Membership(true, false, false, none, [new FlatTie(a101.Id, a101.OwnerOfRecordId, a101.BuildingId, a101.EntranceId, ResidentRelation.Owner)]), residentAId);

        var (_, residentB) = await Factory.ResidentAsync(B, b101, email: "resident-b@example.com");
        await Add("resident of B", residentB, new Membership(true, false, false, none, []));

        var (tenantAId, tenantA) = await Factory.ResidentAsync(A, a102, ResidentRelation.Tenant, email: "tenant-a@example.com");
        await Add("tenant of A", tenantA, new Membership(true, false, false, none, [new FlatTie(a102.Id, a102.OwnerOfRecordId, a102.BuildingId, a102.EntranceId, ResidentRelation.Tenant)]), tenantAId);

        var (_, committee) = await Factory.RoleHolderAsync(A, CompoundRoleKind.Committee, email: "committee-a@example.com");
        await Add("committee of A", committee, new Membership(true, false, false, [new(CompoundRoleKind.Committee, null, null)], []));

        var (_, property) = await Factory.RoleHolderAsync(A, CompoundRoleKind.PropertyManager, email: "property-a@example.com");
        await Add("property manager of A", property, new Membership(true, false, false, [new(CompoundRoleKind.PropertyManager, null, null)], []));

        var (_, lead) = await Factory.RoleHolderAsync(A, CompoundRoleKind.BuildingLead, entrance.BuildingId, entrance.Id, email: "lead-a@example.com");
        await Add("building lead of A", lead, new Membership(true, false, false, [new(CompoundRoleKind.BuildingLead, entrance.BuildingId, entrance.Id)], []));

        foreach (var (kind, name) in new[]
                 {
                     (CompoundRoleKind.ResidentsCommittee, "residents' committee of A"),
                     (CompoundRoleKind.PropertyManagementCommittee, "property management committee of A"),
                     (CompoundRoleKind.StreetOfficer, "street officer of A"),
                     (CompoundRoleKind.PartyOrganisation, "party organisation of A"),
                 })
        {
            var (_, holder) = await Factory.RoleHolderAsync(A, kind, email: $"{kind.ToString().ToLowerInvariant()}-a@example.com");
            await Add(name, holder, new Membership(true, false, false, [new(kind, null, null)], []));
        }

        var officer = await Factory.CreateUserAsync("officer@example.com");
        await Factory.MakeCityOfficerAsync(officer.Id, "唐山市", "路北区");
        await Add("city officer", await Factory.SignedInClientAsync("officer@example.com"), new Membership(true, false, true, none, []));

        await Factory.CreateUserAsync("admin@example.com", admin: true);
        await Add("platform admin", await Factory.SignedInClientAsync("admin@example.com"), new Membership(true, true, false, none, []));
    }

    private async Task Add(string name, HttpClient client, Membership membership, string? userId = null)
    {
        // Every page's layout carries antiforgery forms (language, text size); one token serves the whole session.
        var home = await client.GetDocumentAsync("/");
        var token = home.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
                    ?? throw new InvalidOperationException("no antiforgery token on /");
        Actors.Add(new Actor(name, client, token, membership, userId));
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
