# Sources of core/api (paths relative to core/).
list(APPEND core_SOURCES
    api/JsonMapping.cpp api/JsonMapping.h
    api/RestChecks.cpp
    api/RestRoutes.cpp api/RestRoutes_p.h
    api/RestServer.cpp api/RestServer.h
)
# The OpenAPI document, compiled in (:/ledgerguard/api/openapi.json); RestServer calls Q_INIT_RESOURCE(api).
qt_add_resources(core_SOURCES api/api.qrc)
