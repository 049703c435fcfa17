#define BOOST_TEST_MODULE scanner_codec
#include <linux/input.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "devices/scanner/keyboard_decoder.hpp"
#include "devices/scanner/line_framer.hpp"
#include "tests/support/key_events.hpp"

using namespace gw::dev::scanner;
using namespace std::chrono_literals;
using gw::test::key_record;
using gw::test::type_text;
using Codes = std::vector<std::string>;

namespace {

const LineFramer::TimePoint t0{};

/// Feeds each chunk at t0 + 1 ms * index; returns every code.
Codes frame(LineFramer& f, const std::vector<std::string>& chunks) {
    Codes out;
    auto t = t0;
    for (const auto& c : chunks) f.feed(c, t += 1ms, out);
    return out;
}

std::string decode(KeyboardDecoder& k, const std::string& bytes) {
    std::string typed;
    k.feed(bytes, typed);
    return typed;
}

}  // namespace

BOOST_AUTO_TEST_CASE(crlf_cr_and_lf_each_end_one_code) {
    LineFramer f({});
    auto codes = frame(f, {"CEID1:AB\r\nVENUE-7\rhttps://x.example/a?b=1\n"});
    BOOST_TEST(codes == (Codes{"CEID1:AB", "VENUE-7", "https://x.example/a?b=1"}),
               boost::test_tools::per_element());
    BOOST_TEST(f.counters().lines == 3u);
    BOOST_TEST(f.counters().garbage == 0u);
}

BOOST_AUTO_TEST_CASE(lines_split_across_reads_and_cr_lf_in_separate_reads) {
    LineFramer f({});
    auto codes = frame(f, {"CEI", "D1:A", "B\r", "\n", "NEXT", "\r", "\n\r\n"});
    BOOST_TEST(codes == (Codes{"CEID1:AB", "NEXT"}), boost::test_tools::per_element());
    BOOST_TEST(f.counters().lines == 2u);  // the LF after CR and blank lines are no codes
}

BOOST_AUTO_TEST_CASE(one_byte_at_a_time_equals_whole) {
    const std::string stream = "A1\r\nB2\n\x01x\r" + std::string(3000, 'Z') + "\nC3\r";
    LineFramer whole({}), bytewise({});
    auto a = frame(whole, {stream});
    std::vector<std::string> bytes;
    for (char c : stream) bytes.emplace_back(1, c);
    auto b = frame(bytewise, bytes);
    BOOST_TEST(a == b, boost::test_tools::per_element());
    BOOST_TEST(a == (Codes{"A1", "B2", "C3"}), boost::test_tools::per_element());
    BOOST_TEST(whole.counters().garbage == bytewise.counters().garbage);
    BOOST_TEST(whole.counters().overlong == 1u);
    BOOST_TEST(bytewise.counters().overlong == 1u);
}

BOOST_AUTO_TEST_CASE(idle_terminator_ends_a_code_without_suffix) {
    LineFramer f({.max_length = 2048, .idle_terminator = 50ms});
    Codes out;
    f.feed("CEID1:", t0, out);
    f.feed("AB", t0 + 10ms, out);
    BOOST_REQUIRE(f.deadline().has_value());
    BOOST_TEST((*f.deadline() == t0 + 60ms));
    f.idle(t0 + 59ms, out);
    BOOST_TEST(out.empty());
    f.idle(t0 + 60ms, out);
    BOOST_TEST(out == (Codes{"CEID1:AB"}), boost::test_tools::per_element());
    BOOST_TEST(!f.deadline().has_value());
    // a code arriving after a silence ends the one before it, even without an idle() call
    f.feed("ONE", t0 + 100ms, out);
    f.feed("TWO\r\n", t0 + 200ms, out);
    BOOST_TEST(out == (Codes{"CEID1:AB", "ONE", "TWO"}), boost::test_tools::per_element());
    BOOST_TEST(f.counters().lines == 3u);
}

BOOST_AUTO_TEST_CASE(no_idle_terminator_waits_for_the_suffix) {
    LineFramer f({});
    Codes out;
    f.feed("HALF", t0, out);
    BOOST_TEST(!f.deadline().has_value());
    f.idle(t0 + 1h, out);
    f.feed("-DONE\r", t0 + 2h, out);
    BOOST_TEST(out == (Codes{"HALF-DONE"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(control_bytes_and_binary_noise_are_garbage) {
    LineFramer f({});
    const std::string nul_inside("CEID1:A\0B\r", 10);
    auto codes = frame(f, {nul_inside, "\x1b[2J\r", "tab\there\n", "\x7f\n", "\xff\xfe\xfd\r",
                           "\xc3\x28\n", "\xed\xa0\x80\n", "OK\r\n"});
    BOOST_TEST(codes == (Codes{"OK"}), boost::test_tools::per_element());
    BOOST_TEST(f.counters().garbage == 7u);
    BOOST_TEST(f.counters().lines == 1u);
}

BOOST_AUTO_TEST_CASE(utf8_text_passes) {
    LineFramer f({});
    const std::string venue = "场所码:图书馆-1";
    auto codes = frame(f, {venue + "\r\n"});
    BOOST_TEST(codes == (Codes{venue}), boost::test_tools::per_element());
    BOOST_TEST(f.counters().garbage == 0u);
}

BOOST_AUTO_TEST_CASE(ten_kb_line_is_dropped_and_counted_then_the_next_line_passes) {
    LineFramer f({.max_length = 2048, .idle_terminator = std::nullopt});
    Codes out;
    const std::string big(10 * 1024, 'A');
    f.feed(big.substr(0, 4000), t0, out);
    BOOST_TEST(f.counters().overlong == 1u);  // counted as soon as it passes the limit
    f.feed(big.substr(4000) + "\r\n", t0 + 1ms, out);
    f.feed("CEID1:NEXT\r\n", t0 + 2ms, out);
    BOOST_TEST(out == (Codes{"CEID1:NEXT"}), boost::test_tools::per_element());
    BOOST_TEST(f.counters().overlong == 1u);
    BOOST_TEST(f.counters().lines == 1u);
    BOOST_TEST(f.counters().garbage == 0u);
}

BOOST_AUTO_TEST_CASE(max_length_is_inclusive) {
    LineFramer f({.max_length = 4, .idle_terminator = std::nullopt});
    auto codes = frame(f, {"1234\r12345\r\x01\x02\x03\x04\x05\r"});
    BOOST_TEST(codes == (Codes{"1234"}), boost::test_tools::per_element());
    BOOST_TEST(f.counters().overlong == 2u);  // overlong wins over garbage: counted once
    BOOST_TEST(f.counters().garbage == 0u);
}

BOOST_AUTO_TEST_CASE(reset_drops_a_partial_code) {
    LineFramer f({});
    Codes out;
    f.feed("CUT-BY-UNPL", t0, out);
    f.reset();
    f.feed("UG\rWHOLE\r", t0, out);
    BOOST_TEST(out == (Codes{"UG", "WHOLE"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(keyboard_types_base45_and_url_characters) {
    KeyboardDecoder k;
    const std::string base45 = "CEID1:0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    BOOST_TEST(decode(k, type_text(base45 + "\r")) == base45 + "\r");
    const std::string url = "https://a.example/v?id=7&x=y_z#f~!@^(){}[]|\\;'\"<>,`";
    BOOST_TEST(decode(k, type_text(url + "\n")) == url + "\r");
    BOOST_TEST(k.unknown_keys() == 0u);
}

BOOST_AUTO_TEST_CASE(keyboard_shift_handling_with_both_shift_keys) {
    KeyboardDecoder k;
    std::string s = key_record(KEY_RIGHTSHIFT, 1) + key_record(KEY_A, 1) + key_record(KEY_A, 0) +
                    key_record(KEY_LEFTSHIFT, 1) + key_record(KEY_RIGHTSHIFT, 0) +
                    key_record(KEY_B, 1) +                                 // left still held: B
                    key_record(KEY_LEFTSHIFT, 0) + key_record(KEY_C, 1) +  // none held: c
                    key_record(KEY_LEFTSHIFT, 2) +  // a repeat of shift does not press it
                    key_record(KEY_D, 1) + key_record(KEY_KPENTER, 1);
    BOOST_TEST(decode(k, s) == "ABcd\r");
}

BOOST_AUTO_TEST_CASE(keyboard_ignores_repeats_releases_modifiers_and_other_events) {
    KeyboardDecoder k;
    std::string s = key_record(KEY_X, 1) + key_record(KEY_X, 2) + key_record(KEY_X, 2) +
                    key_record(KEY_X, 0) + key_record(KEY_CAPSLOCK, 1) +
                    key_record(KEY_LEFTCTRL, 1) + key_record(KEY_NUMLOCK, 1) +
                    gw::test::input_record(EV_LED, LED_NUML, 1) +
                    gw::test::input_record(EV_MSC, MSC_SCAN, 0x70004) + key_record(KEY_KP7, 1) +
                    key_record(KEY_KPDOT, 1) + key_record(KEY_KPSLASH, 1) +
                    key_record(KEY_KPASTERISK, 1) + key_record(KEY_ENTER, 1);
    BOOST_TEST(decode(k, s) == "x7./*\r");
    BOOST_TEST(k.unknown_keys() == 0u);
}

BOOST_AUTO_TEST_CASE(keyboard_unknown_keys_are_counted_and_spoil_the_code) {
    KeyboardDecoder k;
    LineFramer f({});
    std::string s = type_text("AB") + key_record(KEY_F5, 1) + key_record(KEY_BACKSPACE, 1) +
                    key_record(KEY_MAX, 1) + type_text("C\r") + type_text("OK\r");
    Codes out;
    f.feed(decode(k, s), t0, out);
    BOOST_TEST(k.unknown_keys() == 3u);
    BOOST_TEST(out == (Codes{"OK"}), boost::test_tools::per_element());
    BOOST_TEST(f.counters().garbage == 1u);
}

BOOST_AUTO_TEST_CASE(keyboard_records_split_at_any_byte) {
    const std::string stream = type_text("CEID1:X/Y+Z%\r");
    KeyboardDecoder whole, pieces;
    const std::string expected = decode(whole, stream);
    BOOST_TEST(expected == "CEID1:X/Y+Z%\r");
    std::string typed;
    for (size_t i = 0; i < stream.size(); i += 7) pieces.feed(stream.substr(i, 7), typed);
    BOOST_TEST(typed == expected);
    BOOST_TEST(KeyboardDecoder::record_size() == sizeof(input_event));
}

BOOST_AUTO_TEST_CASE(keyboard_binary_noise_does_not_crash_and_reset_forgets_shift) {
    KeyboardDecoder k;
    std::string noise;
    for (int i = 0; i < 5000; ++i) noise.push_back(static_cast<char>((i * 131 + 7) & 0xff));
    std::string typed;
    k.feed(noise, typed);  // whatever it types, the framer turns into counted garbage or codes
    LineFramer f({});
    Codes out;
    f.feed(typed, t0, out);
    k.reset();
    typed.clear();
    k.feed(key_record(KEY_LEFTSHIFT, 1).substr(0, 5), typed);  // a partial record...
    k.reset();                                                 // ...forgotten
    k.feed(key_record(KEY_Q, 1), typed);
    BOOST_TEST(typed == "q");
}
