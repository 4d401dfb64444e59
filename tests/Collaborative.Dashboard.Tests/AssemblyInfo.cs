// One host and one Chromium at a time: on a two-core machine parallel browsers make timings, not code, decide results.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
