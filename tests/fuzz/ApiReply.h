// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/RestRoutes_p.h"

#include <QJsonDocument>

// For the fuzz targets of the REST API's parsing: a refusal is a 4xx whose body is one JSON object (valid UTF-8);
// anything else stops the fuzzer.
inline void requireJsonRefusal(const ledgerguard::api::Reply& reply)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(reply.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject() || reply.status < 400 || reply.status > 499)
        __builtin_trap();
}
