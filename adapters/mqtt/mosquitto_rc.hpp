#pragma once
// Private to adapters/mqtt: the one place where libmosquitto's integer codes are
// translated. Nothing outside this folder includes this header.
#include <system_error>

namespace gw::adp::mqtt::detail {

/// A MOSQ_ERR_* return code as an error_code. `saved_errno` is used for MOSQ_ERR_ERRNO
/// (the caller captures errno right after the failing call). MOSQ_ERR_SUCCESS gives {}.
std::error_code error_from_mosquitto(int rc, int saved_errno);

/// A CONNACK return code (MQTT 3.1.1: 1..5) as an error_code; 0 gives {}.
std::error_code error_from_connack(int reason);

/// A MOSQ_LOG_* level as a syslog level (3 err .. 7 debug).
int syslog_level_from_mosquitto(int level);

}  // namespace gw::adp::mqtt::detail
