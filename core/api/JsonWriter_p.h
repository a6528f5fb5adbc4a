// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/api: a minimal streaming JSON writer for the list routes' hot path (it appends to one buffer,
// without QJsonObject's allocation per value and conversion at the end). Produces compact UTF-8 JSON; the caller
// keeps keys and nesting well formed (REQUIRES: key() before each value inside an object, none inside an array).

#include <QByteArray>
#include <QString>
#include <algorithm>
#include <charconv>
#include <cstring>

namespace ledgerguard::api {

class JsonWriter
{
public:
    explicit JsonWriter(QByteArray* out)
        : m_out(*out)
    { }

    void beginObject()
    {
        separate();
        m_out.append('{');
        push();
    }
    void endObject()
    {
        m_out.append('}');
        --m_depth;
    }
    void beginArray()
    {
        separate();
        m_out.append('[');
        push();
    }
    void endArray()
    {
        m_out.append(']');
        --m_depth;
    }
    // `name` is a plain ASCII literal (no escaping needed).
    void key(const char* name)
    {
        separate();
        const size_t n = std::strlen(name);
        char* p = grow(qsizetype(n) + 3);
        *p++ = '"';
        std::memcpy(p, name, n);
        p[n] = '"';
        p[n + 1] = ':';
        m_afterKey = true;
    }
    void string(const QString& value)
    {
        separate();
        appendEscaped(value);
    }
    void integer(qint64 value)
    {
        separate();
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, value);
        put(buf, r.ptr - buf);
    }
    // Shortest text that reads back as the same double (non-finite values become null, as in QJsonDocument).
    void number(double value);
    // `minor` units with `decimals` fraction digits as the exact decimal of Money::toDecimalString() ("-1234.50"),
    // written as a JSON number without trailing fraction zeros ("-1234.5"): the exact value, which a client reads
    // as the double nearest to it.
    void decimal(qint64 minor, int decimals);
    // ISO 8601 UTC text with milliseconds, as isoUtc().
    void timestamp(qint64 ms);
    void boolean(bool value)
    {
        separate();
        if (value)
            put("true", 4);
        else
            put("false", 5);
    }
    void null()
    {
        separate();
        put("null", 4);
    }
    // Already serialized JSON (for example QJsonDocument output).
    void raw(const QByteArray& json)
    {
        separate();
        m_out.append(json);
    }

private:
    // Room for `n` more bytes at the end of the buffer (growing its capacity by doubling): where to write them.
    // QByteArray::append(const char*, n) goes through the general insert, which costs more than the copy here.
    char* grow(qsizetype n)
    {
        const qsizetype size = m_out.size();
        if (m_out.capacity() < size + n)
            m_out.reserve(std::max(size + n, 2 * m_out.capacity()));
        m_out.resize(size + n);
        return m_out.data() + size;
    }
    void put(const char* data, qsizetype n) { std::memcpy(grow(n), data, size_t(n)); }
    void push()
    {
        ++m_depth;
        m_first[m_depth] = true;
    }
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (m_depth > 0) {
            if (!m_first[m_depth])
                m_out.append(',');
            m_first[m_depth] = false;
        }
    }
    void appendEscaped(const QString& value);

    QByteArray& m_out;
    int m_depth = 0;
    bool m_first[32] = {};
    bool m_afterKey = false;
};

} // namespace ledgerguard::api
