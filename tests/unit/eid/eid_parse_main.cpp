#define BOOST_TEST_MODULE eid_parse
#include <boost/test/unit_test.hpp>
