namespace Portal.Features.Accounts;

/// <summary>Strings of the account pages and account emails (AccountText.resx zh-CN, AccountText.en.resx English).</summary>
public sealed class AccountText;
