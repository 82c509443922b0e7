namespace Portal.Features.Notices;

/// <summary>Strings of the notice board, posting, confirming and printing notices.</summary>
public sealed class NoticesText;
