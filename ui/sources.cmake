# UI sources (paths relative to ui/).
list(APPEND ui_SOURCES
    widgets/MainWindow.cpp widgets/MainWindow.h
)
