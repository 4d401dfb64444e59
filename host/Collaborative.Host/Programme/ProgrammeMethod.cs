using Collaborative.Contracts.V1;
using Collaborative.Programme.Method;

namespace Collaborative.Host.Programme;

/// <summary>A programme's method records as one version of its method grain holds them, read against one version of its definition.</summary>
/// <param name="Snapshot">The records as the domain reads them (alignment rules, pages).</param>
/// <param name="Records">The records as method.proto writes them (the API).</param>
/// <param name="Version">The method grain's version: 0 when nothing is recorded yet.</param>
/// <param name="ProgrammeVersion">The definition's version the snapshot was read against.</param>
public sealed record ProgrammeMethod(MethodSnapshot Snapshot, MethodRecords Records, long Version, long ProgrammeVersion);
