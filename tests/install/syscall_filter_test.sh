#!/usr/bin/env bash
# install test: every system call the gateway makes while deciding is allowed by the unit's
# SystemCallFilter= lines. A call outside the list kills the service with SIGSYS, which no
# other test sees (they run the gateway without systemd). The gateway runs under strace
# (as an unprivileged user: root takes other paths, e.g. SQLite's fchown) with a local
# mosquitto and a simulated reader at a point whose zone has opening hours, so decisions
# read the kernel's clock-sync state. The unit's filter is evaluated like systemd does: the
# first line is an allow-list, `~` lines remove from it, later lines add to it.
# Skips (77) without strace, mosquitto or systemd-analyze.
#   syscall_filter_test.sh SOURCE_DIR BUILD_DIR
set -uo pipefail
SRC=$1 BUILD=$2
for tool in strace mosquitto systemd-analyze setpriv; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool missing"; exit 77; }
done
gw=$BUILD/gateway/app/campusgw
unit=$SRC/systemd/campusgw.service
scratch=$(mktemp -d)
chmod 0755 "$scratch"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT

# ---- the unit's filter ---------------------------------------------------------------------
expand() {  # a syscall or @group → syscall names, recursively
  case $1 in
    @*) systemd-analyze syscall-filter "$1" 2>/dev/null | sed 1d | grep -v '^ *#' | sed 's/^ *//' |
          grep -v '^$' | while read -r s; do expand "$s"; done ;;
    *) echo "$1" ;;
  esac
}
: >"$scratch/allowed"
first=1
while read -r value; do
  deny=0
  [[ $value == "~"* ]] && { deny=1; value=${value#\~}; }
  for item in $value; do expand "$item"; done | sort -u >"$scratch/items"
  if [ $deny = 1 ]; then
    comm -23 "$scratch/allowed" "$scratch/items" >"$scratch/next"
  else
    [ $first = 1 ] || cat "$scratch/allowed" >>"$scratch/items"
    sort -u "$scratch/items" >"$scratch/next"
  fi
  mv "$scratch/next" "$scratch/allowed"
  first=0
done < <(sed -n 's/^SystemCallFilter=//p' "$unit")
[ -s "$scratch/allowed" ] || { echo "FAIL the unit has no SystemCallFilter= allow-list"; exit 1; }
echo "     the unit allows $(wc -l <"$scratch/allowed") system calls"

# ---- a broker and the gateway --------------------------------------------------------------
port=0
for _ in $(seq 1 50); do
  p=$((20000 + RANDOM % 30000))
  (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || { port=$p; break; }
done
[ $port != 0 ] || { echo "FAIL no free port"; exit 1; }
mosquitto -p "$port" >"$scratch/mosquitto.log" 2>&1 &
pids+=($!)
mkdir -p "$scratch/state"
cat >"$scratch/gw.toml" <<TOML
[site]
id = "s1"
[gateway]
id = "g1"
state_dir = "$scratch/state"
[mqtt]
url = "mqtt://127.0.0.1:$port"
[metrics]
listen = ""
[[zone]]
id = "library"
kind = "library"
hours = ["daily 00:00-24:00"]
[[point]]
id = "lib-1"
zone = "library"
device = "sim-1"
[[device]]
id = "sim-1"
driver = "sim"
taps = ["04A1B2C3D4E5F6", "04A1B2C3D4E5F7"]
interval = "300ms"
start_delay = "500ms"
TOML
as_user=()
if [ "$(id -u)" = 0 ]; then
  chown -R nobody "$scratch/state" && chmod 0644 "$scratch/gw.toml"
  as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
sleep 0.3
strace -f -qq -o "$scratch/trace" "${as_user[@]}" "$gw" run --config "$scratch/gw.toml" \
  >"$scratch/gw.log" 2>&1 &
strace_pid=$!
pids+=($strace_pid)
for _ in $(seq 1 100); do  # up to 10 s for the first decision; then 1 s more (the second)
  if grep -qE '(clock_adjtime|adjtimex)\(' "$scratch/trace" 2>/dev/null; then sleep 1; break; fi
  sleep 0.1
done
gwpid=$(sed -n 's/^\([0-9]*\) *execve("[^"]*campusgw".*= 0$/\1/p' "$scratch/trace" | head -1)
[ -n "$gwpid" ] && kill -TERM "$gwpid" 2>/dev/null
wait "$strace_pid" 2>/dev/null

failures=0
# The gateway's calls: everything after its execve (not setpriv's).
sed -n '/execve("[^"]*campusgw"/,$p' "$scratch/trace" | sed -E 's/^[0-9]+ +//' |
  grep -oE '^[a-z_0-9]+\(' | tr -d '(' | grep -v '^execve$' | sort -u >"$scratch/used"
echo "     the gateway made $(wc -l <"$scratch/used") distinct system calls"
if grep -qE '^(clock_adjtime|adjtimex)$' "$scratch/used"; then
  echo "ok   decisions read the clock-sync state (clock_adjtime/adjtimex was called)"
else
  echo "FAIL the gateway never read the clock-sync state: no decision?"; cat "$scratch/gw.log"
  failures=$((failures + 1))
fi
outside=$(comm -23 "$scratch/used" "$scratch/allowed")
if [ -z "$outside" ]; then
  echo "ok   every system call is allowed by the unit's SystemCallFilter="
else
  echo "FAIL outside the unit's SystemCallFilter= (the service would die of SIGSYS): $outside"
  failures=$((failures + 1))
fi
echo "$failures failure(s)"
[ $failures = 0 ]
