# ledgerguard: the desktop application and headless server.
add_executable(ledgerguard WIN32 MACOSX_BUNDLE main.cpp Commands.cpp Commands.h Headless.cpp Headless.h Runtime.cpp Runtime.h)
target_link_libraries(ledgerguard PRIVATE ledgerguard_ui ledgerguard_api ledgerguard_report ledgerguard_core)
