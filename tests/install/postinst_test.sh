#!/usr/bin/env bash
# install test: the maintainer scripts, run against stub commands (getent, useradd, usermod,
# groupadd, id, install, chgrp, chmod, systemctl, systemd-sysusers) that record what they
# would do to the system, in a fake user database. Asserts: the first `postinst configure`
# creates the campusgw group and user (home /var/lib/campusgw, no login shell), adds it to
# the device groups that exist, creates /var/lib/campusgw 0750 campusgw:campusgw and makes
# /etc/campusgw root:campusgw 0750; a second run (reinstall) creates nothing new; prerm remove
# disables the service; postrm purge removes the state directory.
#   postinst_test.sh SOURCE_DIR
set -uo pipefail
SRC=$1
failures=0
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
bin=$scratch/bin log=$scratch/log
mkdir -p "$bin"
printf 'root:x:0:\ndialout:x:20:\nplugdev:x:46:\ninput:x:101:\n' >"$scratch/group"
printf 'root:x:0:0:root:/root:/bin/bash\n' >"$scratch/passwd"

stub() { printf '#!/bin/bash\nDB=%s\nLOG=%s\n%s\n' "$scratch" "$log" "$2" >"$bin/$1"; chmod +x "$bin/$1"; }
stub getent 'grep -q "^$2:" "$DB/$1" && grep "^$2:" "$DB/$1"'
stub groupadd 'echo "groupadd $*" >>$LOG; echo "${@: -1}:x:999:" >>"$DB/group"'
stub useradd 'echo "useradd $*" >>$LOG; echo "${@: -1}:x:999:999::/var/lib/campusgw:/usr/sbin/nologin" >>"$DB/passwd"'
stub usermod 'echo "usermod $*" >>$LOG; g=$3 u=$4; sed -i -E "s/^($g:[^:]*:[^:]*:)(.*)$/\1\2,$u/; s/:,/:/" "$DB/group"'
stub id 'u=${@: -1}; echo "$u $(grep -E "[:,]$u(,|$)" "$DB/group" | cut -d: -f1 | tr "\n" " ")"'
stub install 'echo "install $*" >>$LOG'
stub chgrp 'echo "chgrp $*" >>$LOG'
stub chmod 'echo "chmod $*" >>$LOG'
stub systemctl 'echo "systemctl $*" >>$LOG'
stub systemd-sysusers 'echo "systemd-sysusers $*" >>$LOG'
stub rm 'echo "rm $*" >>$LOG'
run() { PATH=$bin:/usr/bin:/bin sh "$SRC/packaging/debian/$1" "${@:2}" >"$scratch/out" 2>&1; }

run postinst configure ""
rc=$?
check "postinst configure (install) exits 0 (got $rc)" test $rc = 0
check "creates the group campusgw" grep -qx "groupadd --system campusgw" "$log"
check "creates the system user campusgw, home /var/lib/campusgw, no login" \
  grep -q "^useradd --system --gid campusgw --home-dir /var/lib/campusgw --no-create-home --shell /usr/sbin/nologin .* campusgw$" "$log"
for g in dialout plugdev input; do
  check "adds campusgw to $g" grep -qx "usermod -a -G $g campusgw" "$log"
done
check "does not touch groups that do not exist (gpio)" bash -c "! grep -q 'G gpio' '$log'"
check "creates /var/lib/campusgw 0750 campusgw:campusgw" \
  grep -qx "install -d -m 0750 -o campusgw -g campusgw /var/lib/campusgw" "$log"
check "/etc/campusgw group campusgw, 0750" \
  bash -c "grep -qx 'chgrp campusgw /etc/campusgw' '$log' && grep -qx 'chmod 0750 /etc/campusgw' '$log'"
check "does not start or enable the service on first install" bash -c "! grep -qE 'systemctl (start|enable|restart)' '$log'"
check "tells the admin how to start it" grep -q "systemctl enable --now campusgw" "$scratch/out"

: >"$log"
run postinst configure 0.1.0
rc=$?
check "postinst configure (reinstall/upgrade) exits 0 (got $rc)" test $rc = 0
check "second run creates no user, group or membership" bash -c "! grep -qE '^(useradd|groupadd|usermod)' '$log'"
check "second run keeps the state directory settings" \
  grep -qx "install -d -m 0750 -o campusgw -g campusgw /var/lib/campusgw" "$log"
check "users: exactly one campusgw" test "$(grep -c '^campusgw:' "$scratch/passwd")" = 1

: >"$log"
run prerm remove
check "prerm remove disables the service" grep -qx "systemctl disable campusgw.service" "$log"
: >"$log"
run prerm upgrade 0.2.0
check "prerm upgrade leaves the service alone" test ! -s "$log"
: >"$log"
run postrm purge
check "postrm purge removes /var/lib/campusgw" grep -qx "rm -rf /var/lib/campusgw" "$log"
: >"$log"
run postrm remove
check "postrm remove keeps /var/lib/campusgw" bash -c "! grep -q '/var/lib/campusgw' '$log'"

echo "$failures failure(s)"
[ $failures = 0 ]
