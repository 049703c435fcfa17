// mqtt_test: the MQTT adapter against a real mosquitto broker (and a scripted raw MQTT
// server for libmosquitto's wire behaviour). Own main(): the binary doubles as the
// "gateway process" that the Last Will test kills with SIGKILL.
#define BOOST_TEST_MODULE mqtt_test
#define BOOST_TEST_NO_MAIN
#include <boost/test/unit_test.hpp>
#include <string_view>

#include "will_child.hpp"

int main(int argc, char* argv[]) {
    if (argc >= 2 && std::string_view(argv[1]) == gw::test::kWillChildFlag) {
        return gw::test::run_will_child(argc, argv);
    }
    return boost::unit_test::unit_test_main(&init_unit_test, argc, argv);
}
