# Sources of core/schedule (paths relative to core/).
list(APPEND core_SOURCES schedule/Services.h)
