# Sources of core/export (paths relative to core/).
list(APPEND core_SOURCES
    export/CsvWriter.cpp export/CsvWriter.h
)
