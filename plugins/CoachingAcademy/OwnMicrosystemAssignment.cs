namespace Collaborative.Plugins.Modules.CoachingAcademy;

/// <summary>An active coach assigned to the microsystem they work in.</summary>
internal sealed record OwnMicrosystemAssignment(string AssignmentId, string CoachId, string Microsystem, string Organisation, string StartsOn);
