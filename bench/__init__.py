"""Benchmarks with their baselines, measured in the same run (`make bench`)."""
