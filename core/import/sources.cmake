# Sources of core/import (paths relative to core/): statement parsers (CSV, OFX, camt, QIF) and text decoding.
list(APPEND core_SOURCES
    import/ImportTypes.cpp import/ImportTypes.h
    import/TextDecoding.cpp import/TextDecoding.h
    import/ImportValues.cpp import/ImportValues.h
    import/Csv.cpp import/Csv.h
    import/MarkupTree_p.h
    import/Ofx.cpp import/Ofx.h
    import/Camt.cpp import/Camt.h
    import/Qif.cpp import/Qif.h
    import/Importer.cpp import/Importer.h
)
