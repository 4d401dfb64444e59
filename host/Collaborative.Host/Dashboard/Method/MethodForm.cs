using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Access;
using Collaborative.Host.Programme;
using Collaborative.Programme.Method;
using Microsoft.AspNetCore.Components;

namespace Collaborative.Host.Dashboard.Method;

/// <summary>
/// What every method form shares. Each is a plain enhanced form with its own name (its <c>_handler</c>) and an
/// antiforgery token; a write goes to <see cref="ProgrammeOffice.WriteMethodAsync"/> as the signed-in principal's.
/// Stored: Post/Redirect/Get back to the page, which then says what was recorded (a reload does not post again).
/// Refused: the page again, the user's input as typed, each error beside its field and summarised at the top, with
/// 422 (a field is wrong) or 403 (the writer may not write this).
/// </summary>
public abstract class MethodForm : ComponentBase
{
    /// <summary>The query parameters the redirect after a write carries: which form wrote, and which record.</summary>
    public const string SavedQuery = "saved";

    public const string RecordQuery = "record";

    [Inject]
    private DashboardReader Reader { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = null!;

    /// <summary>The programme the form writes to.</summary>
    [Parameter, EditorRequired]
    public ProgrammeScope Scope { get; set; } = null!;

    /// <summary>The signed-in principal: the author of every write.</summary>
    [Parameter, EditorRequired]
    public AccessPrincipal Writer { get; set; } = null!;

    /// <summary>The page the form is on (its path, no query), where a write leads back to.</summary>
    [Parameter, EditorRequired]
    public string Page { get; set; } = "";

    [SupplyParameterFromQuery(Name = SavedQuery)]
    public string? SavedForm { get; set; }

    [SupplyParameterFromQuery(Name = RecordQuery)]
    public string? SavedRecord { get; set; }

    /// <summary>The form's name: its <c>_handler</c>, and the id of its section (the redirect's fragment).</summary>
    protected abstract string FormName { get; }

    /// <summary>"PDSA cycle": what the form records, for its message after a write.</summary>
    protected abstract string What { get; }

    /// <summary>The errors of the write just refused; empty otherwise.</summary>
    protected FormErrors Errors { get; private set; } = new();

    /// <summary>Whether this render answers this form's own post (another form's post leaves this one as it was).</summary>
    protected bool Posted { get; private set; }

    /// <summary>
    /// What the page says after this form's write, or null. The address is anyone's to write, so only a record id
    /// (as the host gives them: "pdsa-7", "goal/2026-11") is repeated, never other text.
    /// </summary>
    protected string? Saved =>
        !Posted && SavedForm == FormName && SavedRecord is { Length: > 0 and <= 200 } record
        && record.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/')
            ? $"{What} {record} recorded."
            : null;

    /// <summary>The form's action: the page itself (a post answers with the page, or a redirect back to it).</summary>
    protected string Action => Page + "#" + FormName;

    /// <summary>Refuses the post without writing (a field the form reads itself is wrong).</summary>
    protected void Refuse(FormErrors errors)
    {
        Posted = true;
        Errors = errors;
        HttpContext.Response.StatusCode = errors.Denied is null ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status403Forbidden;
    }

    /// <summary>Writes as <see cref="Writer"/>; redirects back to the page when stored, else keeps the errors.</summary>
    protected async Task WriteAsync(MethodWrite write)
    {
        Posted = true;
        // The forms are on the page only for writers, but a post can be crafted: the dashboard's rule here, and the
        // grain decides who may write for each goal (a partner only the goals its organisation co-owns).
        if (Writer.SingleUser)
        {
            Refuse(FormErrors.Refused("this dashboard is read-only: the host has no principals to sign in as."));
            return;
        }

        MethodWriteResponse stored;
        try
        {
            stored = await Reader.WriteMethodAsync(Scope, write, MethodViews.AuthorOf(Writer) /* the signed-in principal, never a form field */);
        }
        catch (MethodRecordException ex)
        {
            Refuse(FormErrors.From(ex.Errors));
            return;
        }
        catch (MethodWriteDeniedException ex)
        {
            Refuse(FormErrors.Refused(ex.Message));
            return;
        }

        Navigation.NavigateTo($"{Page}?{SavedQuery}={Uri.EscapeDataString(FormName)}&{RecordQuery}={Uri.EscapeDataString(RecordId(stored.Stored))}#{FormName}");
    }

    private static string RecordId(MethodWrite stored) => stored.RecordCase switch
    {
        MethodWrite.RecordOneofCase.Cycle => stored.Cycle.Id,
        MethodWrite.RecordOneofCase.Annotation => stored.Annotation.Id,
        MethodWrite.RecordOneofCase.Score => $"{stored.Score.GoalId}/{stored.Score.Month}",
        MethodWrite.RecordOneofCase.LearningEvent => stored.LearningEvent.Id,
        _ => string.Empty,
    };
}
