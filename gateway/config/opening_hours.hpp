#pragma once
// One line of a zone's `hours`: "<days> HH:MM-HH:MM".
//   days: "daily", a day ("sat"), a range ("mon-fri", may wrap: "fri-mon"), or a comma list
//   of these ("mon,wed", "mon-wed,fri"). Day names mon tue wed thu fri sat sun.
//   times: from "00:00".."23:59", to "00:01".."24:00"; from > to crosses midnight and the
//   opening belongs to the day it starts on ("fri 22:00-02:00"); from == to is an error.
#include <optional>
#include <string>
#include <string_view>

#include "gateway/core/zone.hpp"

namespace gw::config::detail {

struct OpeningHoursParse {
    std::optional<core::OpeningHours> hours;
    std::string error;  // what is wrong, when hours is empty
};

OpeningHoursParse parse_opening_hours(std::string_view line);

}  // namespace gw::config::detail
