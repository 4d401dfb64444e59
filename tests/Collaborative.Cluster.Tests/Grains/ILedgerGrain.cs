using Collaborative.Cluster.Tests.Protos;

namespace Collaborative.Cluster.Tests.Grains;

/// <summary>A test grain whose arguments, results and state are protobuf messages.</summary>
public interface ILedgerGrain : IGrainWithStringKey
{
    /// <summary>Records the entry durably and returns the whole ledger.</summary>
    Task<LedgerState> Record(LedgerEntry entry);

    /// <summary>The ledger as stored.</summary>
    Task<LedgerState> Read();

    /// <summary>Returns the argument unchanged (the serialization round trip).</summary>
    Task<LedgerEntry> Echo(LedgerEntry entry);

    /// <summary>The silo this activation runs on (one activation per grain in the cluster).</summary>
    Task<string> Silo();

    /// <summary>Deactivates after this call, so the next call reads state from storage.</summary>
    Task Deactivate();
}
