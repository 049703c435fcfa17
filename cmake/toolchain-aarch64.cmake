# Cross-compiling for arm64 (aarch64) on a Debian amd64 host with multiarch:
#   dpkg --add-architecture arm64; apt-get install crossbuild-essential-arm64 LIB-dev:arm64 ...
# (scripts/cross-arm64 does all of it). Libraries come from /usr/lib/aarch64-linux-gnu.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(GW_TRIPLET aarch64-linux-gnu)

set(CMAKE_C_COMPILER ${GW_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${GW_TRIPLET}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${GW_TRIPLET})

# Search headers and libraries only in the target's directories; programs on the host.
# GW_ARM64_SYSROOT (environment): -dev packages that cannot be installed beside the amd64
# ones, unpacked there by scripts/cross-arm64.
set(CMAKE_FIND_ROOT_PATH /usr/${GW_TRIPLET})
if(DEFINED ENV{GW_ARM64_SYSROOT})
  list(PREPEND CMAKE_FIND_ROOT_PATH $ENV{GW_ARM64_SYSROOT})
  set(GW_SYSROOT_PC $ENV{GW_ARM64_SYSROOT}/usr/lib/${GW_TRIPLET}/pkgconfig:)
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)

# pkg-config: the target's .pc files (Debian's multiarch layout).
set(ENV{PKG_CONFIG_LIBDIR} ${GW_SYSROOT_PC}/usr/lib/${GW_TRIPLET}/pkgconfig:/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_PATH} "")

# Tests run under qemu-user (Debian qemu-user): ctest prefixes every test command with it.
# No `-L /usr/aarch64-linux-gnu`: that loads the cross toolchain's older libc
# (libc6-arm64-cross 2.36-8cross1) beside libraries built for libc6:arm64 (2.36-9+deb12u…),
# and threaded tests then spin forever at their first std::thread (seen with crypto_test and
# door_test). libc6:arm64, installed with the :arm64 -dev packages, provides
# /lib/ld-linux-aarch64.so.1, so qemu finds the right loader and libc by itself.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64)

# The .deb's Architecture field (cmake/packaging.cmake).
set(GW_DEB_ARCH arm64 CACHE STRING "Debian architecture of the package")
