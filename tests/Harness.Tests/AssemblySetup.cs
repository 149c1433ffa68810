// Test fixtures run side by side, one per core; a fixture that touches process-wide state (the console, the
// current directory) says [NonParallelizable]. Kernel thread counts are safe to share: results do not depend on them.
[assembly: Parallelizable(ParallelScope.Fixtures)]
