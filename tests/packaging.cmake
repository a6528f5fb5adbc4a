# The Linux package test: builds the .deb from this build tree, installs it, checks the installed program answers.
if(UNIX AND NOT APPLE)
    add_test(NAME packaging_deb COMMAND bash ${PROJECT_SOURCE_DIR}/packaging/test-deb.sh ${PROJECT_BINARY_DIR})
    set_tests_properties(packaging_deb PROPERTIES LABELS packaging TIMEOUT 300 SKIP_RETURN_CODE 77 RUN_SERIAL TRUE)
endif()
