# Sources of core/detect (paths relative to core/).
list(APPEND core_SOURCES)
