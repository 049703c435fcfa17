// load_config: reads the merged document, dispatches each top-level key to its section
// reader through one table, then checks the rules that span tables. Every error is
// collected; semantic checks run only when every file parsed, so one syntax error does not
// drown in follow-on errors.
#include <array>

#include "config_document.hpp"
#include "key_rules.hpp"
#include "references.hpp"
#include "sections.hpp"

namespace gw::config {

namespace {

using namespace detail;

struct TableSection {
    std::string_view name;
    bool required;
    void (*read)(const TableView& table, Config& out, Diagnostics& diag);
};

constexpr auto kTables = std::to_array<TableSection>({
    {"site", true, [](const TableView& t, Config& c, Diagnostics& d) { read_site(t, c.site, d); }},
    {"gateway", true,
     [](const TableView& t, Config& c, Diagnostics& d) { read_gateway(t, c.gateway, d); }},
    {"log", false, [](const TableView& t, Config& c, Diagnostics& d) { read_log(t, c.log, d); }},
    {"store", false,
     [](const TableView& t, Config& c, Diagnostics& d) { read_store(t, c.store, d); }},
    {"mqtt", false, [](const TableView& t, Config& c, Diagnostics& d) { read_mqtt(t, c.mqtt, d); }},
    {"outbox", false,
     [](const TableView& t, Config& c, Diagnostics& d) { read_outbox(t, c.outbox, d); }},
    {"eid", false, [](const TableView& t, Config& c, Diagnostics& d) { read_eid(t, c.eid, d); }},
    {"qr", false, [](const TableView& t, Config& c, Diagnostics& d) { read_qr(t, c.qr, d); }},
    {"requests", false,
     [](const TableView& t, Config& c, Diagnostics& d) { read_requests(t, c.requests, d); }},
    {"metrics", false,
     [](const TableView& t, Config& c, Diagnostics& d) { read_metrics(t, c.metrics, d); }},
    {"calendar", false,
     [](const TableView& t, Config& c, Diagnostics& d) { read_calendar(t, c.calendar, d); }},
});

struct ArraySection {
    std::string_view name;
    void (*read)(const TableView& item, Config& out, TableViews& views, Diagnostics& diag);
};

constexpr auto kArrays = std::to_array<ArraySection>({
    {"zone",
     [](const TableView& t, Config& c, TableViews& v, Diagnostics& d) {
         c.zones.push_back(read_zone(t, d));
         v.zones.push_back(t);
     }},
    {"point",
     [](const TableView& t, Config& c, TableViews& v, Diagnostics& d) {
         c.points.push_back(read_point(t, d));
         v.points.push_back(t);
     }},
    {"device",
     [](const TableView& t, Config& c, TableViews& v, Diagnostics& d) {
         c.devices.push_back(read_device(t, d));
         v.devices.push_back(t);
     }},
});

template <class S, size_t N>
const S* find_section(const std::array<S, N>& sections, std::string_view name) {
    for (const auto& s : sections)
        if (s.name == name) return &s;
    return nullptr;
}

/// `zone "dorm3"` when the item has a string id, else `zone #3` (1-based, merge order).
std::string item_path(std::string_view section, const toml::table& item, size_t index) {
    if (const auto* id = item.get_as<std::string>("id"))
        return std::string(section) + " \"" + id->get() + "\"";
    return std::string(section) + " #" + std::to_string(index + 1);
}

void read_array(const ArraySection& s, const ConfigDocument& doc, Config& c, TableViews& v,
                Diagnostics& diag) {
    const TableArray* items = doc.array(s.name);
    for (size_t i = 0; items && i < items->items.size(); ++i)
        s.read(TableView::of(*items->items[i], item_path(s.name, *items->items[i], i)), c, v,
               diag);
}

/// A top-level key that is not a known section, or has the wrong shape.
void check_top_key(const Entry& e, Diagnostics& diag) {
    const std::string name(e.key);
    const auto* arr = e.value->as_array();
    if (find_section(kTables, e.key) && !e.value->is_table()) {
        diag.at(*e.key_at, name, "expected a table: write [" + name + "] and its keys below it");
    } else if (find_section(kArrays, e.key) && !(arr && arr->is_array_of_tables()) &&
               !(arr && arr->empty())) {
        diag.at(*e.key_at, name,
                "expected an array of tables: write [[" + name + "]] once per " + name);
    } else if (!find_section(kTables, e.key) && !find_section(kArrays, e.key)) {
        std::vector<std::string_view> known;
        for (const auto& s : kTables) known.push_back(s.name);
        for (const auto& s : kArrays) known.push_back(s.name);
        report_unknown_key(TableView{}, e, known, diag);
    }
}

void read_document(const ConfigDocument& doc, const std::string& path, Config& c,
                   Diagnostics& diag) {
    for (const Entry& e : doc.top_keys()) check_top_key(e, diag);
    for (const auto& s : kTables) {
        if (const TableView* t = doc.table(s.name)) {
            s.read(*t, c, diag);
        } else if (s.required) {
            TableView absent{std::string(s.name), nullptr, path, {}};
            s.read(absent, c, diag);
        }
    }
    TableViews views;
    for (const auto& s : kArrays) read_array(s, doc, c, views, diag);
    check_references(c, views, diag);
}

}  // namespace

LoadResult load_config(const std::string& path) {
    Diagnostics diag;
    const ConfigDocument doc = ConfigDocument::load(path, diag);
    LoadResult result;
    result.config.source = path;
    result.config.hash = doc.hash();
    if (doc.parsed()) read_document(doc, path, result.config, diag);
    result.errors = diag.take(doc.files());
    return result;
}

}  // namespace gw::config
