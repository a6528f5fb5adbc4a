# SPDX-License-Identifier: GPL-3.0-or-later
# Fault tests against the real headless binary over 127.0.0.1 (label "faults"; bounded, seconds each).
# tst_crash: SIGKILL during concurrent POSTs, generation, detection and an import; LG_CRASH_CYCLES (default 4) and
# LG_CRASH_SEED. tst_restfuzz: seeded hostile requests; LG_FUZZ_REQUESTS (default 3000) and LG_FUZZ_SEED.
foreach(fault_test tst_crash tst_restfuzz)
    lg_add_test(${fault_test} SOURCES ${fault_test}.cpp LIBS ledgerguard_core Qt6::Network Qt6::Sql TIMEOUT 300
        LABELS faults)
    target_compile_definitions(${fault_test} PRIVATE LG_APP_PATH="$<TARGET_FILE:ledgerguard>")
    add_dependencies(${fault_test} ledgerguard)
endforeach()
