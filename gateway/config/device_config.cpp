// DeviceConfig's typed accessors. The validator has checked every value against the driver's
// schema, so a type mismatch here means the key is absent (or a driver asks for a key its
// schema does not declare): the caller's default is returned.
#include "config.hpp"

namespace gw::config {

namespace {

template <class T>
const T* get(const std::map<std::string, DeviceValue>& settings, const std::string& key) {
    auto it = settings.find(key);
    return it == settings.end() ? nullptr : std::get_if<T>(&it->second);
}

}  // namespace

std::string DeviceConfig::str(const std::string& key, std::string def) const {
    const auto* v = get<std::string>(settings, key);
    return v ? *v : def;
}

int64_t DeviceConfig::integer(const std::string& key, int64_t def) const {
    const auto* v = get<int64_t>(settings, key);
    return v ? *v : def;
}

double DeviceConfig::number(const std::string& key, double def) const {
    if (const auto* v = get<double>(settings, key)) return *v;
    if (const auto* i = get<int64_t>(settings, key)) return static_cast<double>(*i);
    return def;
}

bool DeviceConfig::flag(const std::string& key, bool def) const {
    const auto* v = get<bool>(settings, key);
    return v ? *v : def;
}

std::vector<std::string> DeviceConfig::list(const std::string& key) const {
    const auto* v = get<std::vector<std::string>>(settings, key);
    return v ? *v : std::vector<std::string>{};
}

std::chrono::milliseconds DeviceConfig::duration(const std::string& key,
                                                 std::chrono::milliseconds def) const {
    const auto* v = get<std::chrono::milliseconds>(settings, key);
    return v ? *v : def;
}

}  // namespace gw::config
