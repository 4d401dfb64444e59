namespace Collaborative.Host.Programme;

/// <summary>What a registered module's id may be: short, lower-case, safe in URLs, logs and file names.</summary>
internal static class ModuleIds
{
    public const string Rule = "an id is 1 to 64 characters: lower-case letters, digits, '-', '_' or '.', starting with a letter or digit.";

    public static bool IsValid(string id) =>
        id.Length is > 0 and <= 64
        && (char.IsAsciiLetterLower(id[0]) || char.IsAsciiDigit(id[0]))
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.');
}
