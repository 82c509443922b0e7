using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Votes;
using Portal.Features.Accounts;
using Portal.Features.Votes;

namespace Portal.Pages.Votes;

/// <summary>The committee's settings page for the compound's rules for votes (议事规则).</summary>
[Requires(Capability.RunVotes)]
public class RulesModel(PortalDb db, IStringLocalizer<VotesText> t) : CompoundPageModel
{
    public CompoundRules Rules { get; private set; } = null!;

    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        /// <summary>Empty: the default (15 days compound-wide, 7 for a building or entrance).</summary>
        public int? NoticeDays { get; set; }
        public int MinVotingDays { get; set; }
        public int ObjectionDays { get; set; }
        public int CountingDays { get; set; }
        public string Precedence { get; set; } = "online-prevails";
        public bool HideSplitUntilClose { get; set; }
    }

    private async Task LoadAsync(CancellationToken ct) => Rules = await db.RulesOfAsync(Compound.Id, ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = new InputModel
        {
            NoticeDays = Rules.NoticeDays, MinVotingDays = Rules.MinVotingDays, ObjectionDays = Rules.ObjectionDays,
            CountingDays = Rules.CountingDays, Precedence = Rules.Precedence.Code(), HideSplitUntilClose = Rules.HideSplitUntilClose,
        };
    }

    public async Task<IActionResult> OnPostAsync([FromServices] SetCompoundRules setRules, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ChannelPrecedences.TryParse(Input.Precedence, out var precedence))
            ModelState.AddModelError("Input.Precedence", t["Rules_PrecedenceInvalid"]);
        if (!ModelState.IsValid) return Page();
        await setRules.RunAsync(Compound.Id, new SetCompoundRules.Changes(Input.NoticeDays, Input.MinVotingDays, Input.ObjectionDays,
            Input.CountingDays, precedence, Input.HideSplitUntilClose, DefaultNoticeDays: Input.NoticeDays is null), CurrentUserId!, ct);
        TempData["Flash"] = t["Rules_Saved"].Value;
        return Redirect($"/c/{Compound.Code}/votes/rules");
    }
}
