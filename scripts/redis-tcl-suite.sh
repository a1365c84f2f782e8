#!/usr/bin/env bash
# Runs Redis's own Tcl test suite against the playground's engine, served by the RESP2 bridge
# (scripts/redis-sim.ts) on a free loopback port, and prints passed / failed / skipped per unit.
#
#   scripts/redis-tcl-suite.sh /path/to/redis-7.0.15          (or REDIS_SRC=/path/to/redis-7.0.15)
#   UNITS="unit/type/incr unit/sort" scripts/redis-tcl-suite.sh /path/to/redis-7.0.15
#   OUT_OF_SCOPE=0 scripts/redis-tcl-suite.sh ...   (also run the tests skipped below by name)
#
# KEEP=1 keeps the scratch directory (each unit's full runtest output) and prints its path.
# Needs tclsh 8.5+, node with this repo's dependencies (npm ci), and a Redis source tree (only
# its runtest and tests/ are used; nothing is built). Not part of `npm test`: it takes minutes
# and needs the Redis sources.
#
# The suite runs in external-server mode (--host/--port), which already skips tests tagged
# external:skip. On top of that we deny the tags for what a learning simulator leaves out on
# purpose: DEBUG and OBJECT FREQ (needs:debug), replication (needs:repl), maxmemory and eviction
# (needs:config-maxmemory), CONFIG RESETSTAT, SAVE/RDB, PFDEBUG, tests that inspect the server's
# own process, and RESP3 (the bridge speaks RESP2). --durable turns a test's unexpected error
# (an unknown command, say) into a failure of that test instead of aborting the whole unit.
set -euo pipefail

REDIS_SRC=${1:-${REDIS_SRC:-}}
if [[ -z "$REDIS_SRC" || ! -f "$REDIS_SRC/tests/test_helper.tcl" ]]; then
  echo "usage: $0 /path/to/redis-source   (or REDIS_SRC=...; a tree with runtest and tests/)" >&2
  exit 2
fi
REDIS_SRC=$(cd "$REDIS_SRC" && pwd)
REPO=$(cd "$(dirname "$0")/.." && pwd)

UNITS=${UNITS:-"unit/type/string unit/type/incr unit/type/hash unit/type/list unit/type/list-2
unit/type/list-3 unit/type/set unit/type/zset unit/expire unit/keyspace unit/pubsub unit/multi
unit/sort unit/bitops unit/scan unit/protocol unit/type/stream unit/type/stream-cgroups"}
TAGS=${TAGS:-"-needs:debug -needs:repl -needs:config-maxmemory -needs:config-resetstat -needs:save -needs:pfdebug -needs:local-process -large-memory -resp3"}

command -v tclsh >/dev/null || { echo "$0: tclsh not found (Debian/Ubuntu: apt-get install tcl)" >&2; exit 2; }

# A scratch copy of the harness, so the source tree stays untouched. Its one change: the
# external-server setup runs FUNCTION FLUSH before every file, and the engine has no FUNCTION
# command (no scripting, so no libraries exist to flush); a failure there would abort the file.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/redis-tcl-suite.XXXXXX")
BRIDGE_PID=""
cleanup() {
  [[ -n "$BRIDGE_PID" ]] && kill "$BRIDGE_PID" 2>/dev/null || true
  if [[ -n "${KEEP:-}" ]]; then echo "runtest output kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT INT TERM
cp "$REDIS_SRC/runtest" "$WORK/"
cp -r "$REDIS_SRC/tests" "$WORK/tests"
rm -rf "$WORK/tests/tmp" && mkdir -p "$WORK/tests/tmp" "$WORK/src"
sed -i 's/^\( *\)r function flush$/\1catch {r function flush}/' "$WORK/tests/support/server.tcl"
# Helpers that shell out (redis-cli based ones) look in src/; link whatever is installed.
for bin in redis-server redis-cli redis-benchmark; do
  if [[ -x "$REDIS_SRC/src/$bin" ]]; then ln -s "$REDIS_SRC/src/$bin" "$WORK/src/$bin"
  elif command -v "$bin" >/dev/null; then ln -s "$(command -v "$bin")" "$WORK/src/$bin"; fi
done

# Tests that need what the engine leaves out, skipped by name (a leading / makes a regexp), so
# that any [err] left is a disagreement with Redis. OUT_OF_SCOPE=0 runs them too (they fail).
SKIPS="$WORK/out-of-scope.txt"
grep -v '^#' >"$SKIPS" <<'EOF_SKIPS'
# RESP3: the bridge speaks RESP2 (HELLO 3 answers NOPROTO).
/RESP3
PubSub messages with CLIENT REPLY OFF
# DUMP / RESTORE: no RDB serialization (the second loads a stream saved by Redis 6.2).
/of various encodings
Loading from legacy (Redis <= v6.2.x, rdb_ver < 10) persistence
# CONFIG RESETSTAT and INFO's errorstats / commandstats: INFO has no per-command or per-error
# counters (the test's blocking XREADGROUP part passes).
XGROUP DESTROY should unblock XREADGROUP with -NOGROUP
# Scripting: EVAL, FUNCTION, lua-time-limit.
/script timeout
SORT sorted set BY nosort works as expected from scripts
# SHUTDOWN and BITFIELD are not implemented.
MULTI with SHUTDOWN
SETBIT/BITFIELD only increase dirty when the value changed
EOF_SKIPS
SKIP_ARGS=()
[[ "${OUT_OF_SCOPE:-1}" != 0 ]] && SKIP_ARGS=(--skipfile "$SKIPS")

# A fresh bridge for each unit, on a port the OS picks (--port 0; its first line says which): a
# unit that stops half-way leaves its CONFIG SET thresholds and keys behind, which would fail
# the next unit's encoding checks.
start_bridge() {
  LOG="$WORK/bridge.log"
  (cd "$REPO" && exec node --import tsx scripts/redis-sim.ts --port 0) >"$LOG" 2>&1 &
  BRIDGE_PID=$!
  PORT=""
  for _ in $(seq 1 100); do
    PORT=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$LOG")
    [[ -n "$PORT" ]] && return 0
    kill -0 "$BRIDGE_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "$0: the bridge did not start" >&2
  cat "$LOG" >&2
  exit 1
}
stop_bridge() {
  kill "$BRIDGE_PID" 2>/dev/null || true
  wait "$BRIDGE_PID" 2>/dev/null || true
  BRIDGE_PID=""
}
echo "tags: $TAGS"

# runtest's own test server takes a port just below --baseport; spread it so that two runs at
# once (say, before and after a change) do not race for the same one.
BASEPORT=$((21111 + ($$ % 200) * 40))
SUMMARY="$WORK/summary"
: >"$SUMMARY"
for unit in $UNITS; do
  [[ -f "$WORK/tests/$unit.tcl" ]] || { echo "$unit: not in this source tree, skipped"; continue; }
  out="$WORK/$(echo "$unit" | tr / _).out"
  start_bridge
  (cd "$WORK" && timeout 900 ./runtest --host 127.0.0.1 --port "$PORT" --single "$unit" \
    --durable --tags "$TAGS" --timeout 120 --baseport "$BASEPORT" "${SKIP_ARGS[@]}" ${RUNTEST_ARGS:-}) >"$out" 2>&1 || true
  # A bridge that died mid-unit (it should not) shows in its log.
  kill -0 "$BRIDGE_PID" 2>/dev/null || { echo "$unit: the bridge died:" >&2; tail -20 "$LOG" >&2; }
  stop_bridge
  # Test lines: [ok], [err] (failed or errored under --durable), [ignore] (a denied tag or
  # external:skip), [skip] (the out-of-scope list); strip the colour codes first. An [err]
  # that names no test ("... in tests/unit/x.tcl") failed outside any test, in a file's setup:
  # the rest of that start_server block did not run, and its tests are in no count.
  sed -i 's/\x1b\[[0-9;]*m//g' "$out"
  ok=$(grep -c '^\[ok\]:' "$out" || true)
  err=$(grep -c '^\[err\]:' "$out" || true)
  ign=$(grep -c '^\[ignore\]:' "$out" || true)
  skip=$(grep -c '^\[skip\]:' "$out" || true)
  aborted=""
  grep -q "^\[exception\]:\|\[TIMEOUT\]:" "$out" && aborted=" (aborted early: see below)"
  grep '^\[err\]:' "$out" | grep -qv ' in tests/' && aborted=" (a block cut short: see below)"
  printf '%s: %d passed, %d failed, %d skipped by tag, %d out of scope%s\n' "$unit" "$ok" "$err" "$ign" "$skip" "$aborted" | tee -a "$SUMMARY"
  grep '^\[err\]:\|^\[exception\]:\|\[TIMEOUT\]:' "$out" | sed 's/^/    /' || true
done
echo
echo "== summary =="
cat "$SUMMARY"
awk '{p+=$2; f+=$4; t+=$6; o+=$10} END {printf "total: %d passed, %d failed, %d skipped by tag, %d out of scope\n", p, f, t, o}' "$SUMMARY"
