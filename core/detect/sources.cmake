# Sources of core/detect (paths relative to core/).
list(APPEND core_SOURCES
    detect/FeatureCsv.cpp detect/FeatureCsv.h
    detect/IsolationForest.cpp detect/IsolationForest.h
    detect/IsolationForestAvx2.cpp
    detect/IsolationForestFormat.cpp
    detect/Metrics.cpp detect/Metrics.h
    detect/Parallel_p.h
    detect/Random_p.h
    detect/ReadFile_p.h
    detect/ScoringKernel_p.h
)
