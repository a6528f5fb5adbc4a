// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Json.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <charconv>
#include <cmath>

namespace ledgerguard {

namespace {

// Makes room for `n` more bytes at the end of `out` and returns where they start (the caller cuts the buffer to
// what it wrote).
char* grow(QByteArray& out, qsizetype n)
{
    const qsizetype size = out.size();
    if (out.capacity() < size + n)
        out.reserve(std::max(size + n, 2 * out.capacity()));
    out.resize(size + n);
    return out.data() + size;
}

// An integral value (stored as an integer, or a double without a fraction that fits qint64) as an integer, as
// QJsonDocument writes it; any other finite double as its shortest round-trip text.
void appendNumber(QByteArray& out, const QJsonValue& value)
{
    const double d = value.toDouble();
    if (!std::isfinite(d)) {
        out.append("null");
        return;
    }
    char buf[32];
    if (const qint64 integer = value.toInteger(0); integer == value.toInteger(1)) {
        const auto r = std::to_chars(buf, buf + sizeof buf, integer);
        out.append(buf, r.ptr - buf);
        return;
    }
    const auto r = std::to_chars(buf, buf + sizeof buf, d);
    out.append(buf, r.ptr - buf);
}

} // namespace

void appendJsonString(QByteArray& out, QStringView text)
{
    static const char hex[] = "0123456789abcdef";
    // Written straight into the buffer (at most 6 bytes per UTF-16 unit, as \u00XX), then cut to size: one capacity
    // check per string instead of one per character.
    const qsizetype n = text.size();
    char* const start = grow(out, n * 6 + 2);
    char* p = start;
    *p++ = '"';
    const char16_t* s = text.utf16();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = s[i];
        if (c >= 0x20 && c < 0x80 && c != u'"' && c != u'\\') {
            *p++ = char(c);
        } else if (c == u'"' || c == u'\\') {
            *p++ = '\\';
            *p++ = char(c);
        } else if (c < 0x20) {
            *p++ = '\\';
            if (c == u'\n') {
                *p++ = 'n';
            } else if (c == u'\r') {
                *p++ = 'r';
            } else if (c == u'\t') {
                *p++ = 't';
            } else {
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = hex[c >> 4];
                *p++ = hex[c & 15];
            }
        } else if (c < 0x800) {
            *p++ = char(0xC0 | (c >> 6));
            *p++ = char(0x80 | (c & 0x3F));
        } else if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(s[i + 1])) {
            const char32_t u = QChar::surrogateToUcs4(c, s[++i]);
            *p++ = char(0xF0 | (u >> 18));
            *p++ = char(0x80 | ((u >> 12) & 0x3F));
            *p++ = char(0x80 | ((u >> 6) & 0x3F));
            *p++ = char(0x80 | (u & 0x3F));
        } else {
            const char16_t u = QChar::isSurrogate(c) ? char16_t(0xFFFD) : c; // a lone surrogate
            *p++ = char(0xE0 | (u >> 12));
            *p++ = char(0x80 | ((u >> 6) & 0x3F));
            *p++ = char(0x80 | (u & 0x3F));
        }
    }
    *p++ = '"';
    out.resize(out.size() - (n * 6 + 2) + (p - start));
}

void appendCompactJson(QByteArray& out, const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.append("null");
        return;
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        return;
    case QJsonValue::Double:
        appendNumber(out, value);
        return;
    case QJsonValue::String:
        appendJsonString(out, value.toString());
        return;
    case QJsonValue::Array: {
        out.append('[');
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out.append(',');
            appendCompactJson(out, array.at(i));
        }
        out.append(']');
        return;
    }
    case QJsonValue::Object: {
        out.append('{');
        const QJsonObject object = value.toObject();
        bool first = true;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!first)
                out.append(',');
            first = false;
            appendJsonString(out, it.key());
            out.append(':');
            appendCompactJson(out, it.value());
        }
        out.append('}');
        return;
    }
    }
}

QByteArray compactJson(const QJsonValue& value)
{
    QByteArray out;
    out.reserve(256);
    appendCompactJson(out, value);
    return out;
}

} // namespace ledgerguard
