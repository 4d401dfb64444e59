using System.Globalization;
using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Collaborative.Plugins.Modules;

/// <summary>
/// Reads fields of a request, answering INVALID_ARGUMENT that names the field and says what to do,
/// e.g. "person.date_of_birth: '31/02/1950' is not a date; use YYYY-MM-DD".
/// </summary>
public static class RequestField
{
    public static RpcException Invalid(string field, string problem) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {problem}."));

    /// <summary>The trimmed text; INVALID_ARGUMENT when blank.</summary>
    public static string Required(string? value, string field, int maxLength = 500)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw Invalid(field, "is required");
        }

        return text.Length <= maxLength ? text : throw Invalid(field, $"is {text.Length} characters long; at most {maxLength} are allowed");
    }

    /// <summary>The trimmed text, empty when absent; INVALID_ARGUMENT when too long.</summary>
    public static string Optional(string? value, string field, int maxLength = 500)
    {
        var text = value?.Trim() ?? "";
        return text.Length <= maxLength ? text : throw Invalid(field, $"is {text.Length} characters long; at most {maxLength} are allowed");
    }

    /// <summary>A "YYYY-MM-DD" date, or null when the field is empty.</summary>
    public static DateOnly? Date(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Invalid(field, $"'{value}' is not a date; use YYYY-MM-DD, e.g. 2026-03-31");
    }

    public static DateOnly RequiredDate(string? value, string field) =>
        Date(value, field) ?? throw Invalid(field, "is required (YYYY-MM-DD)");

    /// <summary>A date that is not after <paramref name="today"/>.</summary>
    public static DateOnly? PastOrToday(string? value, string field, DateOnly today)
    {
        var date = Date(value, field);
        return date is { } d && d > today ? throw Invalid(field, $"{Format(d)} is in the future; record it on or after the day it happens") : date;
    }

    /// <summary>An enum field that must be set (not its UNSPECIFIED zero value) and must be a known value.</summary>
    public static TEnum RequiredEnum<TEnum>(TEnum value, string field)
        where TEnum : struct, Enum
    {
        if (Convert.ToInt32(value, CultureInfo.InvariantCulture) == 0)
        {
            throw Invalid(field, $"is required; one of {string.Join(", ", KnownNames<TEnum>())}");
        }

        return KnownEnum(value, field);
    }

    /// <summary>An enum field that may be unset but must otherwise be a known value.</summary>
    public static TEnum KnownEnum<TEnum>(TEnum value, string field)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? value : throw Invalid(field, $"{Convert.ToInt32(value, CultureInfo.InvariantCulture)} is not a known value; use one of {string.Join(", ", KnownNames<TEnum>())}");

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Format(DateOnly? date) => date is { } d ? Format(d) : "";

    /// <summary>The proto name of an enum value (PLACE_OF_DEATH_HOME), which every language's caller knows.</summary>
    public static string ProtoName<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();

    private static IEnumerable<string> KnownNames<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Where(v => Convert.ToInt32(v, CultureInfo.InvariantCulture) != 0).Select(ProtoName);
}
