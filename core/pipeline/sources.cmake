# Sources of core/pipeline (paths relative to core/).
list(APPEND core_SOURCES
    pipeline/Combination.cpp pipeline/Combination.h
    pipeline/DetectionPipeline.cpp pipeline/DetectionPipeline.h
    pipeline/Features.cpp pipeline/Features.h
)
