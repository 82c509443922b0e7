namespace Portal.Features.Inbox;

/// <summary>Strings of the inbox, the notification preferences and the unsubscribe page.</summary>
public sealed class InboxText;
