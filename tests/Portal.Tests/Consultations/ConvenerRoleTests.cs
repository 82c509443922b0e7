using Portal.Domain.Residents;

namespace Portal.Tests.Consultations;

/// <summary>六位一体: each convening body and actor gets its own capabilities (docs/roles.md).</summary>
public sealed class ConvenerRoleTests
{
    private static Membership Holding(CompoundRoleKind kind) => new(true, false, false, [new(kind, null, null)], []);

    [Theory]
    [InlineData(CompoundRoleKind.Committee)]
    [InlineData(CompoundRoleKind.ResidentsCommittee)]
    [InlineData(CompoundRoleKind.PropertyManagementCommittee)]
    [InlineData(CompoundRoleKind.StreetOfficer)]
    public void Every_convener_may_convene_votes_and_consultations_and_publish_a_plan(CompoundRoleKind kind)
    {
        var m = Holding(kind);
        Assert.True(kind.IsConvener());
        Assert.True(m.Can(Capability.RunVotes));
        Assert.True(m.Can(Capability.ConveneConsultations));
        Assert.True(m.Can(Capability.PublishPlans));
        Assert.True(m.Can(Capability.ViewRegister));
    }

    [Fact]
    public void The_street_office_reads_the_register_but_does_not_keep_it()
    {
        var street = Holding(CompoundRoleKind.StreetOfficer);
        Assert.False(street.Can(Capability.ManageRegister));
        Assert.False(street.Can(Capability.VerifyResidents));
        Assert.False(street.Can(Capability.ManageFunding));
        foreach (var keeper in new[] { CompoundRoleKind.Committee, CompoundRoleKind.ResidentsCommittee, CompoundRoleKind.PropertyManagementCommittee })
            Assert.True(Holding(keeper).Can(Capability.ManageRegister), keeper.ToString());
    }

    [Fact]
    public void The_party_organisation_holds_consultations_and_posts_notices_but_convenes_no_binding_vote()
    {
        var party = Holding(CompoundRoleKind.PartyOrganisation);
        Assert.False(CompoundRoleKind.PartyOrganisation.IsConvener());
        Assert.True(party.Can(Capability.ConveneConsultations));
        Assert.True(party.Can(Capability.PostNotices));
        Assert.True(party.Can(Capability.FollowTurnout));
        Assert.False(party.Can(Capability.RunVotes));
        Assert.False(party.Can(Capability.PublishPlans));
        Assert.False(party.Can(Capability.ViewRegister));
    }

    [Fact]
    public void The_property_company_and_building_leads_convene_nothing()
    {
        var property = Holding(CompoundRoleKind.PropertyManager);
        Assert.True(property.Can(Capability.PostNotices));
        Assert.True(property.Can(Capability.PostConstructionUpdates));
        Assert.False(property.Can(Capability.RunVotes));
        Assert.False(property.Can(Capability.ConveneConsultations));
        var lead = new Membership(true, false, false, [new(CompoundRoleKind.BuildingLead, 1, 2)], []);
        Assert.True(lead.Can(Capability.RecordDoorstepAnswers));
        Assert.False(lead.Can(Capability.ConveneConsultations));
        Assert.False(lead.Can(Capability.PublishPlans));
    }
}
