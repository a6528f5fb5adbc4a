# Sources of core/util (paths relative to core/).
list(APPEND core_SOURCES
    util/Clock.cpp util/Clock.h
    util/Files.cpp util/Files.h
    util/Ids.cpp util/Ids.h
    util/Json.cpp util/Json.h
    util/Plural.h
    util/Status.cpp util/Status.h
    util/Text.cpp util/Text.h
)
