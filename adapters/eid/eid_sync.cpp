#include "eid_sync.hpp"

#include <Poco/URI.h>

#include "eid_error.hpp"
#include "gateway/core/civil_time.hpp"
#include "gateway/core/log.hpp"
#include "revocation_stage.hpp"
#include "revocations_parser.hpp"
#include "roster_page_parser.hpp"
#include "timetable_parser.hpp"
#include "trust_list_parser.hpp"

namespace gw::adp::eid {
namespace {

const char* kChan = "adp.eid";

std::string encoded(const std::string& s) {
    std::string out;
    Poco::URI::encode(s, "!#$&'()*+,/:;=?@[] ", out);
    return out;
}

core::Error bad_body(const core::Error& parse, const std::string& what) {
    return core::Error{make_error_code(EidErrc::BadBody), what + ": " + parse.context};
}

}  // namespace

EidSync::EidSync(HttpFetcher& http, core::SyncStore& store, const core::Clock& clock,
                 const core::TimeZone& tz, std::optional<TrustRoot> root, EidSyncOptions options)
    : http_(http), store_(store), clock_(clock), tz_(tz), root_(std::move(root)),
      o_(std::move(options)) {}

core::Status EidSync::abort_with(core::Error e) {
    if (auto st = store_.abort_snapshot(); !st)
        GW_LOG(Err, kChan, core::LogLine("discarding a staged snapshot failed")
                               .kv("err", st.error().message()));
    return e;
}

/// Fetches and applies one roster page; true when another page follows.
core::Result<bool> EidSync::roster_page(const std::string& cursor, std::string& next,
                                        bool& staged, core::PageApplied& total) {
    auto r = http_.get("/v1/sites/" + encoded(o_.site) + "/roster?since=" + encoded(cursor) +
                       "&limit=" + std::to_string(o_.page_limit));
    if (!r) return r.error();
    auto page = parse_roster_page(r->body);
    if (!page) return bad_body(page.error(), "roster");
    if (!page->site.empty() && page->site != o_.site)
        return core::Error{make_error_code(EidErrc::BadBody),
                           "roster page for site \"" + page->site + "\""};
    rejected_ += page->rejected;
    auto applied = store_.apply_roster_page(page.value(), clock_.now());
    if (!applied) return applied.error();
    staged = applied->staged;
    total.persons += applied->persons;
    total.credentials += applied->credentials;
    total.deleted += applied->deleted;
    total.snapshot_applied = total.snapshot_applied || applied->snapshot_applied;
    next = page->cursor;
    return page->more;
}

core::Status EidSync::roster() {
    std::string cursor = store_.roster_cursor();
    const uint64_t rejected_before = rejected_;
    core::PageApplied total;
    bool staged = false;
    size_t pages = 0;
    for (bool more = true; more; ++pages) {
        if (pages == o_.max_pages)
            return abort_with(core::Error{make_error_code(EidErrc::BadBody), "roster: too many pages"});
        std::string next;
        auto r = roster_page(cursor, next, staged, total);
        if (!r) return staged ? abort_with(r.error()) : core::Status(r.error());
        more = r.value();
        cursor = next;
    }
    const auto rejected = static_cast<long long>(rejected_ - rejected_before);
    if (total.snapshot_applied)
        GW_LOG(Notice, kChan, core::LogLine("roster snapshot applied")
                                  .kv("persons", static_cast<long long>(total.persons))
                                  .kv("credentials", static_cast<long long>(total.credentials))
                                  .kv("pages", static_cast<long long>(pages))
                                  .kv("rejected", rejected).kv("cursor", cursor));
    else if (total.persons + total.credentials + total.deleted > 0 || rejected > 0)
        GW_LOG(Info, kChan, core::LogLine("roster delta applied")
                                .kv("changes", static_cast<long long>(total.persons + total.credentials + total.deleted))
                                .kv("rejected", rejected).kv("cursor", cursor));
    return core::Ok{};
}

core::Status EidSync::timetable() {
    const int32_t today = tz_.to_local(clock_.now()).day;
    auto r = http_.get("/v1/sites/" + encoded(o_.site) + "/timetable?from=" +
                       core::format_date(today) + "&to=" + core::format_date(today + o_.timetable_days));
    if (!r) return r.error();
    size_t rejected = 0;
    auto sessions = parse_timetable(r->body, &rejected);
    if (!sessions) return bad_body(sessions.error(), "timetable");
    rejected_ += rejected;
    if (auto st = store_.replace_timetable(sessions.value()); !st) return st;
    GW_LOG(Info, kChan, core::LogLine("timetable stored")
                            .kv("sessions", static_cast<long long>(sessions->size()))
                            .kv("rejected", static_cast<long long>(rejected)));
    return core::Ok{};
}

void EidSync::load_stored_trust_list() {
    if (!root_) return;
    auto held = store_.trust_list();
    if (!held) return;
    if (!root_->verify(held->body, held->signature) || !parse_trust_list(held->body)) {
        GW_LOG(Warning, kChan, core::LogLine("stored trust list does not verify against the "
                                             "pinned root; ignored until the next sync"));
        return;
    }
    trust_version_ = held->version;
}

core::Status EidSync::trust_list() {
    if (!root_) return core::Ok{};
    auto r = http_.get("/v1/trustlist");
    if (!r) return r.error();
    // The signature covers the exact bytes received: verify before parsing anything.
    if (!root_->verify(r->body, r->content_signature))
        return core::Error{make_error_code(EidErrc::BadSignature), "trust list"};
    auto list = parse_trust_list(r->body);
    if (!list) return bad_body(list.error(), "trust list");
    if (trust_version_ && list->version < *trust_version_)
        return core::Error{make_error_code(EidErrc::OldVersion),
                           "trust list version " + std::to_string(list->version) + " < " +
                               std::to_string(*trust_version_)};
    if (trust_version_ && list->version == *trust_version_) return core::Ok{};
    core::SignedTrustList signed_list{list->version, r->body, r->content_signature};
    if (auto st = store_.store_trust_list(signed_list); !st) return st;
    trust_version_ = list->version;
    GW_LOG(Notice, kChan, core::LogLine("trust list stored")
                              .kv("version", list->version)
                              .kv("keys", static_cast<long long>(list->keys.size()))
                              .kv("rejected", static_cast<long long>(list->rejected)));
    return core::Ok{};
}

/// Fetches one revocations page and applies it, or stages it when it belongs to a snapshot
/// (applied whole with its last page); true when another page follows.
core::Result<bool> EidSync::revocation_page(std::string& cursor, size_t& changes) {
    auto r = http_.get("/v1/revocations?since=" + encoded(cursor));
    if (!r) return r.error();
    auto page = parse_revocations(r->body);
    if (!page) return bad_body(page.error(), "revocations");
    rejected_ += page->rejected;
    const bool more = page->more;
    cursor = page->cursor;
    auto ready = revocation_stage_.feed(std::move(page.value()));
    if (!ready) return core::Error{make_error_code(EidErrc::BadBody), ready.error().context};
    if (!ready->has_value()) return more;  // staged: the snapshot is not complete yet
    const core::RevocationPage& apply = **ready;
    if (auto st = store_.apply_revocations(apply); !st) return st.error();
    changes += apply.revoked.size() + apply.restored.size();
    return more;
}

core::Status EidSync::revocations() {
    std::string cursor = store_.revocations_cursor();
    size_t changes = 0;
    revocation_stage_.reset();
    for (size_t pages = 0;; ++pages) {
        auto more = pages == o_.max_pages
                        ? core::Result<bool>(core::Error{make_error_code(EidErrc::BadBody),
                                                         "revocations: too many pages"})
                        : revocation_page(cursor, changes);
        if (!more) {
            // A snapshot cut short is dropped: the revoked set in use stays whole and the
            // stored cursor is the old one, so the next sync asks for a snapshot again.
            revocation_stage_.reset();
            return more.error();
        }
        if (!more.value()) break;
    }
    if (changes > 0)
        GW_LOG(Info, kChan, core::LogLine("revocations applied")
                                .kv("changes", static_cast<long long>(changes)).kv("cursor", cursor));
    return core::Ok{};
}

}  // namespace gw::adp::eid
