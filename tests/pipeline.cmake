# Tests of the generator, features, pipeline and scheduler (see lg_add_test in CMakeLists.txt).
add_executable(pipeline_crashchild pipeline_crashchild.cpp)
target_link_libraries(pipeline_crashchild PRIVATE ledgerguard_core)
lg_add_test(tst_generator SOURCES tst_generator.cpp)
lg_add_test(tst_scheduler SOURCES tst_scheduler.cpp)
lg_add_test(tst_pipeline SOURCES tst_pipeline.cpp)
add_dependencies(tst_pipeline pipeline_crashchild)
target_compile_definitions(tst_pipeline PRIVATE LG_CRASHCHILD="$<TARGET_FILE:pipeline_crashchild>")
lg_add_test(tst_features SOURCES tst_features.cpp)
