# Sources of core/api (paths relative to core/).
list(APPEND core_SOURCES)
