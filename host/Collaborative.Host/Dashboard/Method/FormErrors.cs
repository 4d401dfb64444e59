using Collaborative.Programme.Definition;

namespace Collaborative.Host.Dashboard.Method;

/// <summary>
/// What a refused write said, field by field, for one form: each error under the name of the field it is about
/// (method.proto's field name, as MethodRecordException's paths give it), so the form shows it beside that field and
/// points the field at it (aria-invalid, aria-describedby). A refusal of the whole write (MethodWriteDeniedException)
/// is <see cref="Denied"/>.
/// </summary>
public sealed class FormErrors
{
    private readonly List<FieldError> _errors = [];

    /// <summary>Why the writer may not write this at all; null when that was not the refusal.</summary>
    public string? Denied { get; private set; }

    public IReadOnlyList<FieldError> All => _errors;

    public bool IsEmpty => _errors.Count == 0 && Denied is null;

    public static FormErrors From(IEnumerable<ProgrammeError> errors)
    {
        var form = new FormErrors();
        foreach (var error in errors)
        {
            form.Add(error.Path, error.Message);
        }

        return form;
    }

    public static FormErrors Refused(string why) => new() { Denied = why };

    /// <summary>
    /// Adds an error at <paramref name="path"/>: "prediction", "goal_ids[1]", "lessons[0]". An indexed path is the
    /// field's; the message then says which item (the second goal named, the first lesson).
    /// </summary>
    public void Add(string path, string message)
    {
        var bracket = path.IndexOf('[', StringComparison.Ordinal);
        var field = bracket < 0 ? path : path[..bracket];
        if (bracket >= 0 && int.TryParse(path.AsSpan(bracket + 1, path.Length - bracket - 2), out var index))
        {
            message = $"{Ordinal(index + 1)} {(field == "lessons" ? "lesson" : "goal named")}: {message}";
        }

        _errors.Add(new FieldError(field, message));
    }

    public IEnumerable<string> For(string field) => _errors.Where(e => e.Field == field).Select(e => e.Message);

    public bool Has(string field) => _errors.Any(e => e.Field == field);

    /// <summary>The id of the text beside <paramref name="inputId"/> that says what is wrong with it.</summary>
    public static string ErrorId(string inputId) => inputId + "-error";

    /// <summary>
    /// What the input of <paramref name="field"/> carries: described by its hint, if it has one, and by its error and
    /// marked invalid when it has one.
    /// </summary>
    public IReadOnlyDictionary<string, object> Attributes(string field, string inputId, string? hintId = null)
    {
        var attributes = new Dictionary<string, object>();
        var describedBy = string.Join(' ', new[] { hintId, Has(field) ? ErrorId(inputId) : null }.OfType<string>());
        if (describedBy.Length > 0)
        {
            attributes["aria-describedby"] = describedBy;
        }

        if (Has(field))
        {
            attributes["aria-invalid"] = "true";
        }

        return attributes;
    }

    private static string Ordinal(int n) => n switch
    {
        1 => "First",
        2 => "Second",
        3 => "Third",
        _ => $"Number {n}",
    };
}
