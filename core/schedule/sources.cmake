# Sources of core/schedule (paths relative to core/).
list(APPEND core_SOURCES
    schedule/Scheduler.cpp schedule/Scheduler.h
    schedule/Settings.h
)
