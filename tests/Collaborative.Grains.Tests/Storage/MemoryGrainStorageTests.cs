using Collaborative.Grains.Storage.Memory;

namespace Collaborative.Grains.Tests.Storage;

public sealed class MemoryGrainStorageTests : GrainStorageContract
{
    protected override IGrainStorage Storage { get; } = new MemoryGrainStorage();
}
