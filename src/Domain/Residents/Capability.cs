namespace Portal.Domain.Residents;

/// <summary>What an account may do. One authorization policy per capability; see <see cref="Membership.Can"/>.</summary>
public enum Capability
{
    // Within one compound
    ViewCompound,
    Participate,          // propose, support, comment (any verified resident: owner, co-owner, tenant, family)
    CastBallot,           // owner or co-owner of a flat
    ViewRegister,
    ManageRegister,
    VerifyResidents,
    RunVotes,
    FollowTurnout,        // committee, and building leads for their building or entrance
    ReviewProposals,
    PostNotices,
    ManageFunding,        // cost sharing, campaigns, offline payments, ledger
    ManageProjects,       // the renovation plan's items: add, approve, cancel, record the acceptance the implementing body organised (conveners)
    PostConstructionUpdates,  // move works along (tendering, construction, completion) and post progress
    AnswerProblemReports,

    // Across compounds
    ViewCityDashboard,
    AdministerPlatform,

    // Within one compound, added later (appended so no value moves)
    ConveneConsultations, // open a willingness or plan consultation (意愿征询/方案征询): conveners and the party organisation
    PublishPlans,         // write plan versions, publish them (方案公示) and answer comments: conveners
    RecordDoorstepAnswers, // answer a consultation for a flat at the door, logged as assisted: building leads (their entrance) and conveners
    AssistSignUp,         // register an elderly owner for them (楼门长代办), logged and shown to the owner: building leads (their entrance) and register keepers
    GiveAcceptanceOpinion, // residents' representatives' acceptance opinion (居民代表验收意见): building leads and owners, of the item's scope
}
