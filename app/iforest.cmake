# ledgerguard-iforest: the detector's command-line tool (issue 3).
add_executable(ledgerguard-iforest ledgerguard_iforest.cpp)
target_link_libraries(ledgerguard-iforest PRIVATE ledgerguard_core)
install(TARGETS ledgerguard-iforest RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
