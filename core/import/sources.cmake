# Sources of core/import (paths relative to core/): statement parsers (CSV, OFX, camt, QIF, MT940), text decoding, and the
# import service that writes parsed statements into the ledger.
list(APPEND core_SOURCES
    import/ImportTypes.cpp import/ImportTypes.h
    import/TextDecoding.cpp import/TextDecoding.h
    import/ImportOptionText.cpp import/ImportOptionText.h
    import/ImportValues.cpp import/ImportValues.h
    import/RowOrder.cpp import/RowOrder.h
    import/Csv.cpp import/Csv.h
    import/WiseHistory.cpp import/WiseHistory.h
    import/MarkupTree_p.h
    import/Ofx.cpp import/Ofx.h
    import/Camt.cpp import/Camt.h
    import/Qif.cpp import/Qif.h
    import/Mt940.cpp import/Mt940.h
    import/Importer.cpp import/Importer.h
    import/ImportService.cpp import/ImportService.h
    import/MappingProfiles.cpp import/MappingProfiles.h
)
