// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the REST API's query strings: the target's query decoded as the server does (QUrlQuery, fully
// decoded), then api/RestQuery_p.h's two steps over a table with every parameter type. Refusals are 400 or 422
// with one JSON object; accepted integers are what their text says.
#include "ApiReply.h"
#include "FuzzTarget.h"
#include "api/RestQuery_p.h"
#include "ledger/Types.h"

#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

using namespace ledgerguard;
using namespace ledgerguard::api;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const QueryTable table = {
        {QStringLiteral("q"), ParamType::Text, {}, {}},
        {QStringLiteral("accountId"), ParamType::Id, {}, {}},
        {QStringLiteral("minAmountMinor"), ParamType::Integer, {}, {}},
        {QStringLiteral("from"), ParamType::Timestamp, {}, {}},
        {QStringLiteral("minAmount"), ParamType::MajorAmount, {}, QStringLiteral("minAmountMinor")},
        {QStringLiteral("limit"), ParamType::Limit, {}, {}},
        {QStringLiteral("sort"), ParamType::Choice, {QStringLiteral("asc"), QStringLiteral("desc")}, {}},
        {QStringLiteral("risk"), ParamType::Risk, {}, {}},
        {QStringLiteral("category"), ParamType::Category, {}, {}},
        {QStringLiteral("cursor"), ParamType::Text, {}, {}},
    };
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const QUrl url = QUrl::fromEncoded("/transactions?" + bytes);
    Request request;
    request.method = "GET";
    request.path = url.path();
    request.rawQuery = url.query(QUrl::FullyEncoded);
    request.query = QUrlQuery(url).queryItems(QUrl::FullyDecoded);

    const auto query = Query::read(request, table);
    if (!query) {
        requireJsonRefusal(query.status());
        return 0;
    }
    for (const char* currency : {"EUR", "JPY", "BHD"}) {
        const auto values = query->values(QString::fromLatin1(currency));
        if (!values) {
            requireJsonRefusal(values.status());
            continue;
        }
        if (const auto limit = values->integer(QStringLiteral("limit")); limit && (*limit < 1 || *limit > kMaxPageSize))
            __builtin_trap();
        if (const auto id = values->integer(QStringLiteral("accountId"));
            id && (*id <= 0 || QString::number(*id) != query->raw(QStringLiteral("accountId"))))
            __builtin_trap();
        if (const auto n = values->integer(QStringLiteral("minAmountMinor")); n
            && QString::number(*n) != query->raw(QStringLiteral("minAmountMinor"))
            && query->raw(QStringLiteral("minAmountMinor")) != QStringLiteral("-0")
            && !query->raw(QStringLiteral("minAmountMinor")).startsWith(QLatin1Char('0'))
            && !query->raw(QStringLiteral("minAmountMinor")).startsWith(QStringLiteral("-0")))
            __builtin_trap(); // plain digits only: the value is what the text says
    }
    return 0;
}
