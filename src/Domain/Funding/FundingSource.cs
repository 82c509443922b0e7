namespace Portal.Domain.Funding;

/// <summary>Where renovation money comes from (see ../shared/domain.md and the Tangshan press release).</summary>
public enum FundingSource
{
    CentralSubsidy = 0,          // 中央财政补助资金
    CentralBudgetInvestment = 1, // 中央预算内投资
    ProvincialAward = 2,         // 省级奖补资金
    CitySubsidy = 3,             // 市级财政资金
    MaintenanceFund = 4,         // 维修资金
    SocialCapital = 5,           // 社会资本
    Residents = 6,               // 居民出资
}
