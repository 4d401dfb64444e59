using System.Collections;
using System.Globalization;
using Collaborative.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Collaborative.Programme.Method;

/// <summary>What an audited write changed, field by field, as method.proto names the fields.</summary>
public static class MethodAudit
{
    /// <summary>
    /// Every field whose value differs between <paramref name="before"/> (null: the record is new) and
    /// <paramref name="after"/>, both of one message type; "recorded" is the audit entry's own time and is left out.
    /// A list is written as its items joined by "; ".
    /// </summary>
    public static IEnumerable<FieldChange> Changes(IMessage? before, IMessage after)
    {
        ArgumentNullException.ThrowIfNull(after);
        foreach (var field in after.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.Name is "recorded" or "level")
            {
                continue;
            }

            var was = before is null ? string.Empty : Text(field, field.Accessor.GetValue(before));
            var now = Text(field, field.Accessor.GetValue(after));
            if (was != now)
            {
                yield return new FieldChange { Field = field.Name, Before = was, After = now };
            }
        }
    }

    private static string Text(FieldDescriptor field, object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        double number => number.ToString("0.0##", CultureInfo.InvariantCulture),
        IList list when field.IsRepeated => string.Join("; ", list.Cast<object?>().Select(item => item is IList ? string.Empty : Text(field, item))),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
