// Timing-based tests (timeouts, idle collection, timers) and the multi-process PostgreSQL tests share two cores;
// running them one at a time keeps them deterministic.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
