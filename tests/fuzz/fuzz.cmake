# Fuzz targets of the import parsers (tests/fuzz). Each fuzz_<name>.cpp defines LLVMFuzzerTestOneInput.
#  - Always: fuzz_<name> = the target + fuzz_driver.cpp (plain main), run by CTest over tests/fuzz/corpus/<corpus>
#    and deterministic mutations of it (a few seconds each).
#  - WITH_FUZZERS=ON with clang: fuzzer_<name> = the target with -fsanitize=fuzzer,address,undefined and the import
#    sources compiled in (instrumented). Run e.g. `build/tests/fuzzer_ofx -max_total_time=60 tests/fuzz/corpus/ofx`.
option(WITH_FUZZERS "Build the libFuzzer targets of the import parsers (needs clang)" OFF)

set(lg_fuzz_dir ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
# name -> seed corpus directory
set(lg_fuzz_targets csv:csv ofx:ofx camt:camt qif:qif text:csv)

foreach(pair IN LISTS lg_fuzz_targets)
    string(REPLACE ":" ";" parts ${pair})
    list(GET parts 0 name)
    list(GET parts 1 corpus)
    add_executable(fuzz_${name} ${lg_fuzz_dir}/fuzz_${name}.cpp ${lg_fuzz_dir}/fuzz_driver.cpp ${lg_fuzz_dir}/FuzzTarget.h)
    target_link_libraries(fuzz_${name} PRIVATE ledgerguard_core)
    add_test(NAME fuzz_${name} COMMAND fuzz_${name} ${lg_fuzz_dir}/corpus/${corpus} 3000)
    set_tests_properties(fuzz_${name} PROPERTIES TIMEOUT 120 LABELS fuzz)
endforeach()

if(WITH_FUZZERS)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "WITH_FUZZERS needs clang (configure with CXX=clang++)")
    endif()
    set(lg_fuzz_core_sources)
    foreach(src import/ImportTypes.cpp import/TextDecoding.cpp import/ImportValues.cpp import/Csv.cpp import/Ofx.cpp
                import/Camt.cpp import/Qif.cpp import/Importer.cpp money/Money.cpp util/Status.cpp)
        list(APPEND lg_fuzz_core_sources ${PROJECT_SOURCE_DIR}/core/${src})
    endforeach()
    # The import sources once, instrumented for coverage and the sanitizers, shared by every fuzzer.
    add_library(lg_fuzz_import OBJECT ${lg_fuzz_core_sources})
    target_include_directories(lg_fuzz_import PUBLIC ${PROJECT_SOURCE_DIR}/core)
    target_compile_options(lg_fuzz_import PUBLIC -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -g)
    target_link_libraries(lg_fuzz_import PUBLIC Qt6::Core)
    foreach(pair IN LISTS lg_fuzz_targets)
        string(REPLACE ":" ";" parts ${pair})
        list(GET parts 0 name)
        add_executable(fuzzer_${name} ${lg_fuzz_dir}/fuzz_${name}.cpp)
        target_link_libraries(fuzzer_${name} PRIVATE lg_fuzz_import)
        target_compile_options(fuzzer_${name} PRIVATE -fsanitize=fuzzer)
        target_link_options(fuzzer_${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    endforeach()
endif()
