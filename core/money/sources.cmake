# Sources of core/money (paths relative to core/).
list(APPEND core_SOURCES
    money/Money.cpp money/Money.h
)
