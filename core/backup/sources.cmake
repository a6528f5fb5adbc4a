# Sources of core/backup (paths relative to core/).
list(APPEND core_SOURCES
    backup/Backup.cpp backup/Backup.h
    backup/Check.cpp backup/Check.h
)
