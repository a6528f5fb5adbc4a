// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <optional>
#include <type_traits>
#include <utility>

namespace ledgerguard {

// The outcome of a core operation: Ok, or an error code with a message. Core APIs never throw; they return a
// Status (or a Result<T>, below). For InvalidArgument the offending field is named in field(), so a form can show
// the error beside that field and the REST layer can report {"fields": {field: message}}.
//
// A Status is a plain copyable value and is safe to pass between threads.
class Status
{
public:
    enum class Code {
        Ok,
        InvalidArgument,
        NotFound,
        Conflict,
        Busy,
        Corruption,
        IoError,
        Unsupported,
        Internal,
        ReadOnly, // a write to a ledger opened read-only (its file or directory is not writable)
    };

    Status() = default;

    static Status ok() { return Status(); }
    static Status invalidArgument(QString field, QString message)
    {
        return Status(Code::InvalidArgument, std::move(message), std::move(field));
    }
    static Status notFound(QString message) { return Status(Code::NotFound, std::move(message)); }
    static Status conflict(QString message) { return Status(Code::Conflict, std::move(message)); }
    static Status busy(QString message) { return Status(Code::Busy, std::move(message)); }
    static Status corruption(QString message) { return Status(Code::Corruption, std::move(message)); }
    static Status ioError(QString message) { return Status(Code::IoError, std::move(message)); }
    static Status unsupported(QString message) { return Status(Code::Unsupported, std::move(message)); }
    static Status internal(QString message) { return Status(Code::Internal, std::move(message)); }
    static Status readOnly(QString message) { return Status(Code::ReadOnly, std::move(message)); }

    bool isOk() const { return m_code == Code::Ok; }
    bool isInvalidArgument() const { return m_code == Code::InvalidArgument; }
    bool isNotFound() const { return m_code == Code::NotFound; }
    bool isConflict() const { return m_code == Code::Conflict; }
    bool isBusy() const { return m_code == Code::Busy; }
    bool isCorruption() const { return m_code == Code::Corruption; }
    bool isIoError() const { return m_code == Code::IoError; }
    bool isReadOnly() const { return m_code == Code::ReadOnly; }

    Code code() const { return m_code; }
    // Human-readable message (without the code name).
    const QString& message() const { return m_message; }
    // For InvalidArgument: the name of the field that is wrong (for example "amount"); empty otherwise.
    const QString& field() const { return m_field; }

    // "InvalidArgument: amount: must not be zero", for logs and tests.
    QString toString() const;
    static QString codeName(Code code);

private:
    Status(Code code, QString message, QString field = {})
        : m_code(code)
        , m_message(std::move(message))
        , m_field(std::move(field))
    { }

    Code m_code = Code::Ok;
    QString m_message;
    QString m_field;
};

// Either a value of type T or a non-Ok Status (or another error type E, for a layer whose errors carry more than a
// Status, such as the REST server's HTTP answers). A small stand-in for std::expected<T, E> (C++23), which g++ 12 in
// C++20 mode does not have.
template<typename T, typename E = Status> class Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    { }
    Result(E status)
        : m_status(std::move(status))
    {
        if constexpr (std::is_same_v<E, Status>) {
            Q_ASSERT(!m_status.isOk()); // an Ok Result must carry a value
            if (m_status.isOk())
                m_status = Status::internal(QStringLiteral("Result constructed from an Ok status without a value"));
        }
    }

    bool isOk() const { return m_value.has_value(); }
    explicit operator bool() const { return isOk(); }

    // REQUIRES: isOk()
    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    T value() && { return std::move(*m_value); }
    const T& operator*() const& { return *m_value; }
    T& operator*() & { return *m_value; }
    // By value, so that `for (auto& x : *f())` over a temporary Result does not dangle.
    T operator*() && { return std::move(*m_value); }
    const T* operator->() const { return &*m_value; }
    T* operator->() { return &*m_value; }

    // The error; when a value is held: Ok (a default-constructed E).
    const E& status() const { return m_status; }

private:
    std::optional<T> m_value;
    E m_status;
};

} // namespace ledgerguard
