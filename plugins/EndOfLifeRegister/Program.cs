using Collaborative.Plugins;
using Collaborative.Plugins.Modules;
using Collaborative.Plugins.Modules.EndOfLife;

return await ModuleLaunch.RunAsync(RegisterModule.Description, environment =>
{
    var clock = UkClock.System;
    var database = ModuleDatabase.Open(Path.Combine(environment.DataDirectory, "end-of-life-register.db"), RegisterStore.Schema);
    var outbox = new ObservationOutbox(database, RegisterModule.Description.Id, new RegisterMeasures(), clock);
    var store = new RegisterStore(database, outbox, clock);
    if (environment.SeedDemo)
    {
        DemoRegister.SeedIfEmpty(database, outbox, clock.Today);
    }

    var options = new PluginServerOptions().AddService(new RegisterService(store, clock));
    return Task.FromResult<(IProgrammeModule, PluginServerOptions)>((new RegisterModule(outbox), options));
});
