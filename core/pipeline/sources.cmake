# Sources of core/pipeline (paths relative to core/).
list(APPEND core_SOURCES
    pipeline/DetectionPipeline.cpp pipeline/DetectionPipeline.h
    pipeline/Features.cpp pipeline/Features.h
)
