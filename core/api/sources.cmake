# Sources of core/api, the ledgerguard_api library (paths relative to core/).
list(APPEND api_SOURCES
    api/JsonMapping.cpp api/JsonMapping.h
    api/HttpGuard.cpp api/HttpGuard_p.h
    api/JsonWriter_p.h
    api/RestChecks.cpp
    api/RestQuery.cpp api/RestQuery_p.h
    api/RestRoutes.cpp api/RestRoutes_p.h
    api/RestRules.cpp
    api/RestServer.cpp api/RestServer.h
)
# The OpenAPI document, compiled in (:/ledgerguard/api/openapi.json); RestServer calls Q_INIT_RESOURCE(api).
qt_add_resources(api_SOURCES api/api.qrc)
