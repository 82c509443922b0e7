namespace Portal.Web;

public static class LayoutPreferences
{
    /// <summary>"1" when the resident chose large text (for elderly readers).</summary>
    public const string LargeTextCookie = ".Portal.LargeText";
}
