namespace Collaborative.Grains.References;

internal enum GrainMethodReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
