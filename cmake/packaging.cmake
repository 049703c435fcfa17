# Installation layout and the Debian package (CPack DEB), see docs/admin-guide.md.
#
# The layout is Debian's, for an install prefix of /usr (what CPack uses):
#   /usr/bin/campusgw                       the gateway (tools such as campusgw-sim and
#                                           campusgw-eid-sim are component "tools": not packaged)
#   /lib/systemd/system/campusgw.service    the unit
#   /lib/sysusers.d/campusgw.conf           the service's user
#   /lib/tmpfiles.d/campusgw.conf           its state directory
#   /etc/campusgw/campusgw.toml             the example config, a dpkg conffile
#   /usr/share/doc/campusgw/                README, admin guide and the reference pages
# `DESTDIR=root cmake --install BUILD --prefix /usr --component campusgw` gives the same tree.

set(GW_PKG_COMPONENT campusgw)
set(GW_DOC_FILES
  README.md
  docs/admin-guide.md
  docs/devices.md
  docs/config.md
  docs/mqtt.md
  docs/metrics.md
  docs/reason-codes.md
  docs/reliability.md
  docs/eid-sync.md
  docs/nfc.md
  docs/face-hikvision.md
  docs/face-zkteco.md
  docs/scanners.md
  docs/qr.md)

install(TARGETS campusgw RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT ${GW_PKG_COMPONENT})
install(FILES systemd/campusgw.service DESTINATION /lib/systemd/system
  COMPONENT ${GW_PKG_COMPONENT})
install(FILES systemd/campusgw.sysusers DESTINATION /lib/sysusers.d RENAME campusgw.conf
  COMPONENT ${GW_PKG_COMPONENT})
install(FILES systemd/campusgw.tmpfiles DESTINATION /lib/tmpfiles.d RENAME campusgw.conf
  COMPONENT ${GW_PKG_COMPONENT})
install(FILES config/campusgw.example.toml DESTINATION /etc/campusgw RENAME campusgw.toml
  COMPONENT ${GW_PKG_COMPONENT})
foreach(doc ${GW_DOC_FILES})
  if(EXISTS ${PROJECT_SOURCE_DIR}/${doc})
    install(FILES ${doc} DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/campusgw
      COMPONENT ${GW_PKG_COMPONENT})
  endif()
endforeach()
install(FILES config/campusgw.example.toml DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/campusgw/examples
  COMPONENT ${GW_PKG_COMPONENT})

# ---- CPack: one .deb with the campusgw component only ------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME campusgw)
set(CPACK_PACKAGE_VENDOR "campusgw")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "campus access gateway: NFC, face and QR readers to MQTT and e-ID")
set(CPACK_PACKAGE_DESCRIPTION
  "campusgw bridges NFC card readers, face-recognition terminals and QR scanners to a
school's electronic student ID system. It decides on the spot who may pass (dorm, canteen,
library, attendance, venues), offline too, and publishes every decision on MQTT.")
set(CPACK_PACKAGE_CONTACT "campusgw maintainers <campusgw@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL ${GW_PKG_COMPONENT})
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# /etc/campusgw/campusgw.toml is a conffile: an upgrade never overwrites an edited copy.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${PROJECT_SOURCE_DIR}/packaging/debian/conffiles
  ${PROJECT_SOURCE_DIR}/packaging/debian/postinst
  ${PROJECT_SOURCE_DIR}/packaging/debian/prerm
  ${PROJECT_SOURCE_DIR}/packaging/debian/postrm)
# Cross builds (cmake/toolchain-aarch64.cmake) set the architecture; else ask dpkg.
if(GW_DEB_ARCH)
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${GW_DEB_ARCH})
endif()
include(CPack)
