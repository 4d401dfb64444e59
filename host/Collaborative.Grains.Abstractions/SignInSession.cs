namespace Collaborative.Grains.Abstractions;

/// <summary>Who a dashboard session signed in as (name, role word, partner), and when it expires; never the token.</summary>
[GenerateSerializer, Immutable]
public sealed record SignInSession(string Principal, string Role, string? Partner, DateTimeOffset Expires);
