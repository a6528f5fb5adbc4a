# ledgerguard-iforest: the detector's command-line tool (issue 3).
add_executable(ledgerguard-iforest ledgerguard_iforest.cpp)
target_link_libraries(ledgerguard-iforest PRIVATE ledgerguard_core)
# Installed next to ledgerguard on Linux and Windows (where Qt's deploy script has put the Qt DLLs); the macOS .dmg
# carries only the app bundle (docs/INSTALL.md).
if(NOT APPLE)
    install(TARGETS ledgerguard-iforest RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
