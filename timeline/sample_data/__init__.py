"""Events that are not real: the demo chronology and synthetic events for benchmarks."""
