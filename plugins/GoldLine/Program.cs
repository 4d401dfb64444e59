using Collaborative.Plugins;
using Collaborative.Plugins.Modules;
using Collaborative.Plugins.Modules.GoldLine;

return await ModuleLaunch.RunAsync(GoldLineModule.Description, environment =>
{
    var clock = UkClock.System;
    var database = ModuleDatabase.Open(Path.Combine(environment.DataDirectory, "gold-line.db"), CallLog.Schema);
    var outbox = new ObservationOutbox(database, GoldLineModule.Description.Id, new GoldLineMeasures(), clock);
    var log = new CallLog(database, outbox, clock);
    if (environment.SeedDemo)
    {
        DemoCallLog.SeedIfEmpty(database, outbox, clock.Today);
    }

    var options = new PluginServerOptions().AddService(new GoldLineService(log, clock));
    return Task.FromResult<(IProgrammeModule, PluginServerOptions)>((new GoldLineModule(outbox), options));
});
