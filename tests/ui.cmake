# Tests of the desktop (models, views, form), offscreen (see lg_add_test in CMakeLists.txt).
lg_add_test(tst_uimodels SOURCES tst_uimodels.cpp LIBS ledgerguard_ui ledgerguard_core)
