#include "civil_time.hpp"

#include <charconv>
#include <cstdio>

namespace gw::core {

// Howard Hinnant's days_from_civil / civil_from_days algorithms (public domain).
int32_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

void civil_from_days(int32_t z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yoe) + era * 400 + (m <= 2);
}

int weekday_from_days(int32_t z) {
    // 1970-01-01 was a Thursday (3 when Monday = 0).
    return static_cast<int>(((z % 7) + 7 + 3) % 7);
}

namespace {

std::optional<int> digits(std::string_view s, size_t pos, size_t n) {
    if (pos + n > s.size()) return std::nullopt;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned month_days(int y, unsigned m) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<int32_t> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
    if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
    if (static_cast<unsigned>(*d) > month_days(*y, static_cast<unsigned>(*m))) return std::nullopt;
    return days_from_civil(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*d));
}

std::optional<int> parse_hhmm(std::string_view s) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    auto h = digits(s, 0, 2), m = digits(s, 3, 2);
    if (!h || !m || *m > 59 || *h > 24 || (*h == 24 && *m != 0)) return std::nullopt;
    return *h * 60 + *m;
}

std::string format_date(int32_t day) {
    int y;
    unsigned m, d;
    civil_from_days(day, y, m, d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
}

namespace {
/// Writes `v` as exactly `width` decimal digits (v >= 0, and v < 10^width).
char* put_digits(char* p, unsigned v, int width) {
    for (int i = width - 1; i >= 0; --i) {
        p[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    return p + width;
}
}  // namespace

std::string format_rfc3339(const LocalTime& t) {
    int y;
    unsigned mo, d;
    civil_from_days(t.day, y, mo, d);
    const auto off = static_cast<unsigned>(t.utc_offset_s < 0 ? -t.utc_offset_s : t.utc_offset_s);
    if (y < 0 || y > 9999) {  // outside RFC 3339's years: printf copes with any width
        char wide[64];
        std::snprintf(wide, sizeof wide, "%04d-%02u-%02uT%02d:%02d:%02d.%03d%c%02u:%02u", y,
                      mo, d, t.minute / 60, t.minute % 60, t.second, t.millisecond,
                      t.utc_offset_s < 0 ? '-' : '+', off / 3600, (off / 60) % 60);
        return wide;
    }
    char buf[32];  // "YYYY-MM-DDThh:mm:ss.mmm+hh:mm" is 29 characters
    char* p = put_digits(buf, static_cast<unsigned>(y), 4);
    *p++ = '-';
    p = put_digits(p, mo, 2);
    *p++ = '-';
    p = put_digits(p, d, 2);
    *p++ = 'T';
    p = put_digits(p, static_cast<unsigned>(t.minute / 60), 2);
    *p++ = ':';
    p = put_digits(p, static_cast<unsigned>(t.minute % 60), 2);
    *p++ = ':';
    p = put_digits(p, static_cast<unsigned>(t.second), 2);
    *p++ = '.';
    p = put_digits(p, static_cast<unsigned>(t.millisecond), 3);
    *p++ = t.utc_offset_s < 0 ? '-' : '+';
    p = put_digits(p, off / 3600, 2);
    *p++ = ':';
    p = put_digits(p, (off / 60) % 60, 2);
    return std::string(buf, p);
}

}  // namespace gw::core
