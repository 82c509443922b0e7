namespace Portal.Features.Shared;

/// <summary>
/// English needs "1 letter" and "2 letters"; a text with a count has two resource entries, <c>Key_One</c> and
/// <c>Key_Many</c> (the Chinese ones read the same).
/// </summary>
public static class Plural
{
    public static string Key(string key, long count) => count == 1 ? key + "_One" : key + "_Many";
}
