"""Naive peer implementations the benchmarks measure our code against."""
