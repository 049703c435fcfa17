#pragma once
// Result<T>: an expected-like value for failures a caller must handle.
// Carries a std::error_code and a short human context ("open db: /x/y").
#include <string>
#include <system_error>
#include <utility>
#include <variant>

namespace gw::core {

struct Error {
    std::error_code code;
    std::string context;  // short, no secrets, no raw identifiers

    std::string message() const {
        return context.empty() ? code.message() : context + ": " + code.message();
    }
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error e) : v_(std::move(e)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

struct Ok {};
using Status = Result<Ok>;

inline Error make_error(std::errc e, std::string context) {
    return Error{std::make_error_code(e), std::move(context)};
}

}  // namespace gw::core
