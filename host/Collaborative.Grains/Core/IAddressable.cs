namespace Collaborative.Grains;

/// <summary>Something with a grain identity: a grain instance or a reference to one (Orleans' marker interface).</summary>
public interface IAddressable;
