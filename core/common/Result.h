// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace labshare {

enum class ErrorCode {
    FileUnreadable,
    FileUnwritable,
    BadInput,
    NoAddress,   // a node to publish has no address to reach it at: the front end says how to give one
    LocalTarget, // the lab would publish a port of this computer itself: the front end asks first
    ProcessFailed,
    Network,
    HostKeyUnknown,
    HostKeyChanged,
    AuthFailed,
    Cancelled,
};

// What went wrong, for the user (message) and for the log (detail, already redacted).
struct Error {
    ErrorCode code = ErrorCode::BadInput;
    QString message;
    QString detail;
};

// A small expected-like type: either a value or an Error.
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_data(std::move(value)) {}
    Result(Error error)
        : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(m_data); }
    T& value() & { return std::get<T>(m_data); }
    T&& value() && { return std::get<T>(std::move(m_data)); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }

    const Error& error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

inline Error makeError(ErrorCode code, QString message, QString detail = {}) {
    return Error{code, std::move(message), std::move(detail)};
}

} // namespace labshare
