using Collaborative.Plugins;
using Collaborative.Plugins.Modules;
using Collaborative.Plugins.Modules.CoachingAcademy;

return await ModuleLaunch.RunAsync(AcademyModule.Description, environment =>
{
    var clock = UkClock.System;
    var database = ModuleDatabase.Open(Path.Combine(environment.DataDirectory, "coaching-academy.db"), AcademyStore.Schema);
    var outbox = new ObservationOutbox(database, AcademyModule.Description.Id, new AcademyMeasures(), clock);
    var store = new AcademyStore(database, outbox, clock);
    if (environment.SeedDemo)
    {
        DemoAcademy.SeedIfEmpty(database, outbox, clock.Today);
    }

    var options = new PluginServerOptions().AddService(new AcademyService(store, clock));
    return Task.FromResult<(IProgrammeModule, PluginServerOptions)>((new AcademyModule(outbox, store), options));
});
