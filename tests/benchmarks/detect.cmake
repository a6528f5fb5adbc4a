# Benchmarks of the detect area.
