"""Benchmarks for unknot, measured on this machine and printed as numbers (`make bench`)."""
