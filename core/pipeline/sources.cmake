# Sources of core/pipeline (paths relative to core/).
list(APPEND core_SOURCES)
