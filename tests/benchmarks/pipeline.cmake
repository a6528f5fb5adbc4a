# Benchmarks of the pipeline area.
