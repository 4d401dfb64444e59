using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Spectre.Console;

namespace Collaborative.Host.Cli;

/// <summary>
/// Where a verb writes: tables and charts for people (colours only on a terminal, never with NO_COLOR),
/// one JSON document for machines, and status lines on stderr so stdout stays parseable.
/// </summary>
internal sealed class CliOutput
{
    // Redirected output has no width to ask for; 100 columns keeps tables readable in logs and pipes.
    private const int RedirectedWidth = 100;

    private static readonly JsonFormatter ProtoJson = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true).WithFormatDefaultValues(true));

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public CliOutput(bool json)
    {
        Json = json;
        var redirected = System.Console.IsOutputRedirected;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Out),
            Ansi = json || redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = json || redirected || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 } ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = json || redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            Console.Profile.Width = RedirectedWidth;
        }

        Interactive = !json && !redirected;
    }

    public bool Json { get; }

    /// <summary>A person is watching a terminal: progress bars are welcome.</summary>
    public bool Interactive { get; }

    public IAnsiConsole Console { get; }

    public TextWriter Error { get; } = System.Console.Error;

    public static JsonObject ProtoNode(IMessage message) => JsonNode.Parse(ProtoJson.Format(message))!.AsObject();

    /// <summary>An enum value's name in the .proto (VARIATION_COMMON_CAUSE), as gRPC's JSON mapping writes it.</summary>
    public static string ProtoName<T>(T value)
        where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();

    public void WriteJson(JsonNode document) => System.Console.Out.WriteLine(document.ToJsonString(JsonOptions));
}
