"""Benchmarks of the extractor: throughput, memory and a profile (`python -m benchmarks.throughput`)."""
