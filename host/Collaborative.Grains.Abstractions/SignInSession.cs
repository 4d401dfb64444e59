using System.Collections.Immutable;

namespace Collaborative.Grains.Abstractions;

/// <summary>Who a dashboard session signed in as (name, role word, partner, the programmes it is limited to, empty for all), and when it expires; never the token.</summary>
[GenerateSerializer, Immutable]
public sealed record SignInSession(string Principal, string Role, string? Partner, DateTimeOffset Expires, ImmutableArray<string> Programmes = default);
