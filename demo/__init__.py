"""The demo School and the benchmarks' scale data: our site's, never in the wheel."""
