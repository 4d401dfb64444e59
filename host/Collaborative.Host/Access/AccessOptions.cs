namespace Collaborative.Host.Access;

/// <summary>
/// Collaborative:Access. No principals: single-user mode (loopback callers only). Otherwise every gRPC
/// call carries `authorization: Bearer TOKEN` and every dashboard reader signs in with a token.
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Collaborative:Access";

    public List<PrincipalOptions> Principals { get; set; } = [];

    /// <summary>How long a dashboard sign-in lasts. Default 12 hours (a working day and a board meeting).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Every problem with the principals, each naming the entry and field; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        for (var i = 0; i < Principals.Count; i++)
        {
            var p = Principals[i];
            var at = $"Collaborative:Access:Principals:{i}";
            if (string.IsNullOrWhiteSpace(p.Name))
            {
                yield return $"{at}:Name is required.";
            }

            if (!Enum.TryParse<AccessRole>(p.Role, ignoreCase: true, out var role) || int.TryParse(p.Role, out _))
            {
                yield return $"{at}:Role '{p.Role}' is not leader, partner, staff or admin.";
            }
            else if (role is AccessRole.Partner or AccessRole.Staff && string.IsNullOrWhiteSpace(p.Partner))
            {
                yield return $"{at}:Partner is required for role {role.ToString().ToLowerInvariant()}: the partner organisation id it speaks for.";
            }

            for (var j = 0; j < p.Programmes.Count; j++)
            {
                if (string.IsNullOrWhiteSpace(p.Programmes[j]) || p.Programmes[j].Contains(Grains.Abstractions.ProgrammeScope.Separator, StringComparison.Ordinal))
                {
                    yield return $"{at}:Programmes:{j} '{p.Programmes[j]}' is not a programme id.";
                }
            }

            if (p.TokenSha256.Length != 64 || !p.TokenSha256.All(Uri.IsHexDigit))
            {
                yield return $"{at}:TokenSha256 must be the 64 hex digits of the token's SHA-256, not the token.";
            }
        }

        var duplicates = Principals.Where(p => p.TokenSha256.Length == 64).GroupBy(p => p.TokenSha256.ToLowerInvariant()).Where(g => g.Count() > 1);
        foreach (var duplicate in duplicates)
        {
            yield return $"Collaborative:Access:Principals: {string.Join(", ", duplicate.Select(p => $"'{p.Name}'"))} share one token; each principal needs its own.";
        }
    }
}
