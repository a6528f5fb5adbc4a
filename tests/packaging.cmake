# Tests of the packaging area. packaging_deb: builds the .deb (and .rpm) from this build tree with cpack, installs
# it (as root; otherwise unpacks it), runs the installed ledgerguard headless and checks GET /health, removes it
# (packaging/test-deb.sh). Exit 77 = skipped (no dpkg). RUN_SERIAL: it installs into the system and packs the tree.
if(UNIX AND NOT APPLE)
    add_test(NAME packaging_deb COMMAND bash ${PROJECT_SOURCE_DIR}/packaging/test-deb.sh ${PROJECT_BINARY_DIR})
    set_tests_properties(packaging_deb PROPERTIES
        LABELS packaging
        TIMEOUT 600
        SKIP_RETURN_CODE 77
        RUN_SERIAL TRUE)
endif()
