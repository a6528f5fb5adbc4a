# Sources of core/decisions (paths relative to core/).
list(APPEND core_SOURCES
    decisions/Feedback.cpp decisions/Feedback.h
    decisions/LabelFile.cpp decisions/LabelFile.h
    decisions/Supervised.cpp decisions/Supervised.h
)
