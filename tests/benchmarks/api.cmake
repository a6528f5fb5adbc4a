# Benchmarks of the api area.
