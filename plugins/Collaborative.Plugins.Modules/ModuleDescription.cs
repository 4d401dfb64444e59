using Collaborative.Contracts.V1;
using Google.Protobuf.Reflection;

namespace Collaborative.Plugins.Modules;

/// <summary>What every module tells the host in Describe: who it is, what it measures, which staff service it serves.</summary>
public static class ModuleDescription
{
    public static PluginDescription Create(string id, string name, string partnerOrganisation, IEnumerable<MeasureContribution> measures, ServiceDescriptor staffService)
    {
        var description = new PluginDescription { Id = id, Name = name, Version = "1.0.0", PartnerOrganisation = partnerOrganisation };
        description.Measures.AddRange(measures);
        description.Services.Add(staffService.FullName);
        return description;
    }
}
