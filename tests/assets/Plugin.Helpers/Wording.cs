namespace Plugin.Helpers;

/// <summary>Messages the test plugin takes from its private dependency.</summary>
public static class Wording
{
    /// <summary>The message of THROW002.</summary>
    public static string Statement => "A statement, worded by a private dependency.";
}
