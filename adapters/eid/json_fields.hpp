#pragma once
// Typed, non-throwing access to optional fields of a JSON object, for the decoders of this
// folder only (nlohmann_json never reaches a header outside adapters/eid).
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace gw::adp::eid {

using Json = nlohmann::json;

/// Outcome of reading one field: absent (missing or null), present and well-typed, or bad.
enum class Field { Absent, Ok, Bad };

/// Object member `key`, or nullptr when missing or null.
inline const Json* member(const Json& obj, std::string_view key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
}

inline Field read_string(const Json& obj, std::string_view key, std::string& out) {
    const Json* v = member(obj, key);
    if (!v) return Field::Absent;
    if (!v->is_string()) return Field::Bad;
    out = v->get_ref<const std::string&>();
    return Field::Ok;
}

inline Field read_bool(const Json& obj, std::string_view key, bool& out) {
    const Json* v = member(obj, key);
    if (!v) return Field::Absent;
    if (!v->is_boolean()) return Field::Bad;
    out = v->get<bool>();
    return Field::Ok;
}

/// An array member: nullptr with Absent, the array with Ok, nullptr with Bad.
inline Field read_array(const Json& obj, std::string_view key, const Json*& out) {
    out = member(obj, key);
    if (!out) return Field::Absent;
    if (!out->is_array()) {
        out = nullptr;
        return Field::Bad;
    }
    return Field::Ok;
}

}  // namespace gw::adp::eid
