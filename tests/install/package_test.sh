#!/usr/bin/env bash
# install test: builds the .deb from this build tree (cpack), unpacks it into a scratch root
# (dpkg -x) and checks what an admin gets: the files the admin guide lists, the control data
# (Depends from dpkg-shlibdeps, the conffile, the maintainer scripts), the unit's ExecStart
# and config path present in the root, and the example config passing `check-config` with
# the installed binary.
#   package_test.sh SOURCE_DIR BUILD_DIR VERSION
set -uo pipefail
SRC=$1 BUILD=$2 VERSION=$3
failures=0
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }

for tool in cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool missing (scripts/setup installs it)"; exit 77; }
done
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
root=$scratch/root

# ---- build the package ---------------------------------------------------------------------
if ! (cd "$BUILD" && cpack -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1); then
  cat "$scratch/cpack.log"; echo "FAIL cpack"; exit 1
fi
arch=$(dpkg --print-architecture)
deb=$scratch/out/campusgw_${VERSION}_${arch}.deb
check "package file is campusgw_${VERSION}_${arch}.deb" test -f "$deb"
[ -f "$deb" ] || exit 1
echo "     size: $(du -k "$deb" | cut -f1) KiB"

# ---- control data --------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
check "Package: campusgw" test "$(field Package)" = campusgw
check "Version: $VERSION" test "$(field Version)" = "$VERSION"
check "Architecture: $arch" test "$(field Architecture)" = "$arch"
depends=$(field Depends)
echo "     Depends: $depends"
for lib in libc6 libstdc++6 libmosquitto1 libsqlite3-0 libssl3 libpocofoundation80 libnfc6; do
  check "Depends names $lib (dpkg-shlibdeps)" grep -q "\b$lib\b" <<<"$depends"
done
dpkg-deb -e "$deb" "$scratch/control"
check "conffiles is exactly /etc/campusgw/campusgw.toml" \
  test "$(cat "$scratch/control/conffiles" 2>/dev/null)" = /etc/campusgw/campusgw.toml
for s in postinst prerm postrm; do
  check "$s is executable and parses (sh -n)" \
    bash -c "test -x '$scratch/control/$s' && sh -n '$scratch/control/$s'"
done

# ---- files ---------------------------------------------------------------------------------
dpkg-deb -x "$deb" "$root"
(cd "$root" && find . -type f -o -type l | sed 's|^\.||' | sort) >"$scratch/files"
# Every "package" row of the admin guide's file table exists; every packaged file is listed
# (documentation files through their folder's row).
guide=$SRC/docs/admin-guide.md
grep -E '^\| `/[^`]*` \| package \|' "$guide" | sed -E 's/^\| `([^`]*)`.*/\1/' >"$scratch/documented"
check "the admin guide lists packaged files" test -s "$scratch/documented"
while read -r p; do
  case $p in
    */) check "documented folder $p holds files" grep -q "^$p" "$scratch/files" ;;
    *) check "documented file $p is in the package" test -e "$root$p" ;;
  esac
done <"$scratch/documented"
while read -r f; do
  listed=0
  while read -r p; do
    case $p in */) [[ $f == "$p"* ]] && listed=1 ;; *) [ "$f" = "$p" ] && listed=1 ;; esac
  done <"$scratch/documented"
  check "packaged file $f is in the admin guide's table" test $listed = 1
done <"$scratch/files"
check "no demo files in the package" bash -c "! grep -q demo '$scratch/files'"
check "no tool binaries other than campusgw" \
  test "$(grep -c '^/usr/bin/' "$scratch/files")" = 1
check "/usr/bin/campusgw is executable" test -x "$root/usr/bin/campusgw"
check "/usr/bin/campusgw is stripped (no .debug_info)" bash -c "readelf -S '$root/usr/bin/campusgw' >/dev/null && ! readelf -S '$root/usr/bin/campusgw' | grep -q debug_info"

# ---- the unit against the root -------------------------------------------------------------
unit=$root/lib/systemd/system/campusgw.service
exec_start=$(sed -n 's/^ExecStart=[-@+!:]*//p' "$unit")
exe=${exec_start%% *}
check "unit ExecStart $exe exists in the package" test -x "$root$exe"
cfg=$(sed -E -n 's/.*--config[= ]([^ ]+).*/\1/p' <<<"$exec_start")
check "unit's config $cfg is in the package" test -f "$root$cfg"
user=$(sed -n 's/^User=//p' "$unit")
check "unit User=$user is the sysusers user" \
  grep -qE "^u $user " "$root/lib/sysusers.d/campusgw.conf"
state=$(sed -n 's/^StateDirectory=//p' "$unit")
check "tmpfiles creates /var/lib/$state" grep -qE "^d /var/lib/$state 0750 $user $user" \
  "$root/lib/tmpfiles.d/campusgw.conf"
check "example config's state_dir is /var/lib/$state" \
  grep -qE "^state_dir = \"/var/lib/$state\"" "$root$cfg"

# ---- the installed binary on the installed config -----------------------------------------
out=$("$root/usr/bin/campusgw" version 2>&1)
check "campusgw version says $VERSION" test "$out" = "campusgw $VERSION"
"$root/usr/bin/campusgw" check-config "$root$cfg" >"$scratch/check.out" 2>&1
rc=$?
check "check-config of the installed example config exits 0 (got $rc)" test $rc = 0
[ $rc = 0 ] || cat "$scratch/check.out"
# The same check fails on a broken copy: it is a real check.
sed 's/^id = "sh-zj-001"/id = "Not An Id!"/' "$root$cfg" >"$scratch/broken.toml"
"$root/usr/bin/campusgw" check-config "$scratch/broken.toml" >/dev/null 2>&1
rc=$?
check "check-config of a broken copy exits 78 (got $rc)" test $rc = 78

echo "$failures failure(s)"
[ $failures = 0 ]
