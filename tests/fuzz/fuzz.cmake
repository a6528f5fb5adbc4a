# Fuzz targets (tests/fuzz): the import parsers, text decoding, the REST API's JSON body and query-string parsing,
# and the money parser. Each fuzz_<name>.cpp defines LLVMFuzzerTestOneInput.
#  - Always: fuzz_<name> = the target + fuzz_driver.cpp (plain main), run by CTest over tests/fuzz/corpus/<corpus>
#    and deterministic mutations of it (a few seconds each).
#  - WITH_FUZZERS=ON with clang: fuzzer_<name> = the target linked with -fsanitize=fuzzer,address,undefined, and
#    ledgerguard_core and ledgerguard_api compiled with coverage instrumentation (-fsanitize=fuzzer-no-link) and
#    the sanitizers; the target `fuzzers` builds them all. Run e.g.
#    `build-fuzz/tests/fuzzer_ofx -max_total_time=60 tests/fuzz/corpus/ofx` (tests/fuzz/run.sh runs every one).
option(WITH_FUZZERS "Build the libFuzzer targets (needs clang)" OFF)

set(lg_fuzz_dir ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
# name:seed corpus directory:library
set(lg_fuzz_targets
    csv:csv:ledgerguard_core
    ofx:ofx:ledgerguard_core
    camt:camt:ledgerguard_core
    qif:qif:ledgerguard_core
    mt940:mt940:ledgerguard_core
    text:csv:ledgerguard_core
    money:money:ledgerguard_core
    json:json:ledgerguard_api
    query:query:ledgerguard_api)

if(WITH_FUZZERS)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "WITH_FUZZERS needs clang (configure with CXX=clang++)")
    endif()
    # The code under test, instrumented for coverage and the sanitizers (also in the plain drivers of this tree).
    foreach(lib ledgerguard_core ledgerguard_api)
        target_compile_options(${lib} PRIVATE -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                                              -fno-omit-frame-pointer -gline-tables-only)
    endforeach()
    add_custom_target(fuzzers)
    # "name corpus-directory" per line, read by tests/fuzz/run.sh.
    file(WRITE ${CMAKE_BINARY_DIR}/fuzzers.txt "")
endif()

foreach(entry IN LISTS lg_fuzz_targets)
    string(REPLACE ":" ";" parts ${entry})
    list(GET parts 0 name)
    list(GET parts 1 corpus)
    list(GET parts 2 lib)
    add_executable(fuzz_${name} ${lg_fuzz_dir}/fuzz_${name}.cpp ${lg_fuzz_dir}/fuzz_driver.cpp ${lg_fuzz_dir}/FuzzTarget.h
                              ${lg_fuzz_dir}/ApiReply.h)
    target_link_libraries(fuzz_${name} PRIVATE ${lib})
    target_compile_options(fuzz_${name} PRIVATE ${lg_test_optimisation})
    add_test(NAME fuzz_${name} COMMAND fuzz_${name} ${lg_fuzz_dir}/corpus/${corpus} 3000)
    # (A replay of 3,000 mutations per seed: about two minutes for the CSV reader under AddressSanitizer on two
    # loaded cores.)
    set_tests_properties(fuzz_${name} PROPERTIES TIMEOUT 300 LABELS fuzz)
    if(WITH_FUZZERS)
        target_link_options(fuzz_${name} PRIVATE -fsanitize=address,undefined)
        add_executable(fuzzer_${name} ${lg_fuzz_dir}/fuzz_${name}.cpp)
        target_link_libraries(fuzzer_${name} PRIVATE ${lib})
        target_compile_options(fuzzer_${name} PRIVATE ${lg_test_optimisation} -fsanitize=fuzzer,address,undefined
                                                      -fno-sanitize-recover=all -gline-tables-only)
        target_link_options(fuzzer_${name} PRIVATE -fsanitize=fuzzer,address,undefined)
        add_dependencies(fuzzers fuzzer_${name})
        file(APPEND ${CMAKE_BINARY_DIR}/fuzzers.txt "${name} ${lg_fuzz_dir}/corpus/${corpus}\n")
    endif()
endforeach()
