#define BOOST_TEST_MODULE qr
#include <boost/test/unit_test.hpp>
