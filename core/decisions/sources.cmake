# Sources of core/decisions (paths relative to core/).
list(APPEND core_SOURCES
    decisions/LabelFile.cpp decisions/LabelFile.h
)
