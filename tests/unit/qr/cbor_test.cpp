// The strict bounded CBOR reader and the minimal writer (eid-qr-v1 §2: definite lengths,
// depth <= 4, unique keys, no trailing bytes).
#include <boost/test/unit_test.hpp>
#include <string>

#include "gateway/core/qr/cbor_reader.hpp"
#include "gateway/core/qr/cbor_writer.hpp"

using namespace gw::core::qr;

namespace {
std::string b(std::initializer_list<int> bytes) {
    std::string s;
    for (int x : bytes) s += static_cast<char>(x);
    return s;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(cbor_strictness)

BOOST_AUTO_TEST_CASE(well_formed_items_pass) {
    BOOST_TEST(cbor_well_formed(b({0x01})));
    BOOST_TEST(cbor_well_formed(b({0x82, 0x01, 0x41, 0xaa})));           // [1, h'aa']
    BOOST_TEST(cbor_well_formed(b({0xa2, 0x01, 0x26, 0x04, 0x40})));     // {1: -7, 4: h''}
    BOOST_TEST(cbor_well_formed(b({0x81, 0x81, 0x81, 0x81, 0x01})));     // depth 4
    BOOST_TEST(cbor_well_formed(b({0xd2, 0x81, 0x81, 0x81, 0x01})));     // a tag counts
    BOOST_TEST(cbor_well_formed(b({0x80})));                             // []
    BOOST_TEST(cbor_well_formed(b({0xa1, 0x63, 't', 'y', 'p', 0xf5})));  // {"typ": true}
}

BOOST_AUTO_TEST_CASE(indefinite_lengths_are_rejected) {
    BOOST_TEST(!cbor_well_formed(b({0x9f, 0x01, 0xff})));
    BOOST_TEST(!cbor_well_formed(b({0xbf, 0x01, 0x01, 0xff})));
    BOOST_TEST(!cbor_well_formed(b({0x5f, 0x41, 0x00, 0xff})));
    BOOST_TEST(!cbor_well_formed(b({0x7f, 0x61, 'a', 0xff})));
    BOOST_TEST(!cbor_well_formed(b({0xff})));  // a lone break
}

BOOST_AUTO_TEST_CASE(depth_five_is_rejected) {
    BOOST_TEST(!cbor_well_formed(b({0x81, 0x81, 0x81, 0x81, 0x81, 0x01})));
    BOOST_TEST(!cbor_well_formed(b({0xa1, 0x01, 0x81, 0x81, 0x81, 0xa0})));  // {1: [[[{}]]]}
    BOOST_TEST(!cbor_well_formed(b({0xd2, 0xd2, 0xd2, 0xd2, 0xd2, 0x01})));  // tag chain
    CborLimits deep;
    deep.max_depth = 5;
    BOOST_TEST(cbor_well_formed(b({0x81, 0x81, 0x81, 0x81, 0x81, 0x01}), deep));
}

BOOST_AUTO_TEST_CASE(trailing_bytes_are_rejected) {
    BOOST_TEST(!cbor_well_formed(b({0x01, 0x01})));
    BOOST_TEST(!cbor_well_formed(b({0x81, 0x01, 0x00})));
}

BOOST_AUTO_TEST_CASE(duplicate_map_keys_are_rejected) {
    BOOST_TEST(!cbor_well_formed(b({0xa2, 0x01, 0x01, 0x01, 0x02})));
    BOOST_TEST(
        !cbor_well_formed(b({0xa2, 0x01, 0x01, 0x18, 0x01, 0x02})));  // same value, long form
    BOOST_TEST(!cbor_well_formed(b({0xa2, 0x61, 'a', 0x01, 0x61, 'a', 0x02})));
    BOOST_TEST(cbor_well_formed(b({0xa2, 0x61, 'a', 0x01, 0x41, 'a', 0x02})));  // tstr vs bstr
    BOOST_TEST(cbor_well_formed(b({0xa2, 0x01, 0x01, 0x20, 0x02})));            // 1 vs -1
    // the same key in two different maps is fine
    BOOST_TEST(cbor_well_formed(b({0x82, 0xa1, 0x01, 0x01, 0xa1, 0x01, 0x01})));
    BOOST_TEST(!cbor_well_formed(b({0xa1, 0x81, 0x01, 0x01})));  // array keys are refused
}

BOOST_AUTO_TEST_CASE(oversize_lengths_are_rejected) {
    BOOST_TEST(!cbor_well_formed(b({0x5a, 0xff, 0xff, 0xff, 0xff, 0x00})));  // bstr 4 GiB
    BOOST_TEST(!cbor_well_formed(b({0x9a, 0x00, 0x01, 0x00, 0x00, 0x01})));  // 65536 items
    BOOST_TEST(!cbor_well_formed(b({0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})));
    std::string many = b({0x98, 65});
    for (int i = 0; i < 65; ++i) many += '\x01';
    BOOST_TEST(!cbor_well_formed(many));  // more than max_items
    many = b({0x98, 64});
    for (int i = 0; i < 64; ++i) many += '\x01';
    BOOST_TEST(cbor_well_formed(many));
    BOOST_TEST(!cbor_well_formed(std::string(3000, '\x00')));  // over max_bytes
}

BOOST_AUTO_TEST_CASE(truncated_and_reserved_items_are_rejected) {
    BOOST_TEST(!cbor_well_formed(""));
    BOOST_TEST(!cbor_well_formed(b({0x82, 0x01})));
    BOOST_TEST(!cbor_well_formed(b({0x43, 0x01, 0x02})));
    BOOST_TEST(!cbor_well_formed(b({0x19, 0x01})));
    BOOST_TEST(!cbor_well_formed(b({0x1c})));        // reserved additional information
    BOOST_TEST(!cbor_well_formed(b({0xf8, 0x10})));  // two-byte simple value below 32
    BOOST_TEST(!cbor_well_formed(b({0xa1, 0x01})));  // a key without its value
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cbor_reader_writer)

BOOST_AUTO_TEST_CASE(writer_uses_preferred_heads) {
    CborWriter w;
    w.integer(-7).uint(23).uint(24).uint(65536).integer(-25).boolean(true).tag(18);
    BOOST_TEST(w.bytes() ==
               b({0x26, 0x17, 0x18, 0x18, 0x1a, 0x00, 0x01, 0x00, 0x00, 0x38, 0x18, 0xf5, 0xd2}));
    CborWriter s;
    s.array(2).bstr("ab").tstr("c");
    BOOST_TEST(s.bytes() == b({0x82, 0x42, 'a', 'b', 0x61, 'c'}));
}

BOOST_AUTO_TEST_CASE(what_the_writer_writes_the_reader_reads) {
    CborWriter w;
    w.array(5)
        .uint(1)
        .integer(-7)
        .bstr(std::string(300, 'x'))
        .tstr("typ")
        .map(1)
        .uint(1)
        .boolean(false);
    const std::string bytes = w.take();
    BOOST_REQUIRE(cbor_well_formed(bytes));
    CborReader r(bytes);
    uint64_t n = 0, u = 0;
    int64_t i = 0;
    std::string_view s;
    BOOST_TEST(r.read_array(n));
    BOOST_TEST(n == 5u);
    BOOST_TEST(r.read_uint(u));
    BOOST_TEST(u == 1u);
    BOOST_TEST(r.read_int(i));
    BOOST_TEST(i == -7);
    BOOST_TEST(r.read_bstr(s));
    BOOST_TEST(s.size() == 300u);
    BOOST_TEST(!r.read_bstr(s));  // a tstr is not a bstr
}

BOOST_AUTO_TEST_CASE(skip_passes_over_nested_items_and_stops_at_truncation) {
    const std::string nested = b({0xa1, 0x01, 0x82, 0x41, 0x00, 0xd2, 0x80, 0x07});
    CborReader r(nested);
    BOOST_TEST(r.skip());
    uint64_t u = 0;
    BOOST_TEST(r.read_uint(u));
    BOOST_TEST(u == 7u);
    BOOST_TEST(r.at_end());
    const std::string short_array = b({0x82, 0x01});
    CborReader cut(short_array);
    BOOST_TEST(!cut.skip());
    const std::string huge_array = b({0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
    CborReader huge(huge_array);
    BOOST_TEST(!huge.skip());
}

BOOST_AUTO_TEST_SUITE_END()
