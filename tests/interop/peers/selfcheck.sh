#!/usr/bin/env bash
# Proves the third-party peers correct against each other before our C# transport meets them:
# every client (python, node) x every server (python, node) x every scenario, judged by
# expect.py; plus server lifecycle (LISTENING line, stop on stdin EOF / SIGTERM, ignore a
# /dev/null stdin) and a byte count showing the gzip scenario really compresses on the wire.
# Only 127.0.0.1 is used. Exit 0 when all passed.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY="${PYTHON:-/usr/bin/python3}"   # Debian's python, the one with python3-grpcio
NODE="${NODE:-node}"
SCENARIOS=(unary server_stream client_stream bidi error deadline metadata too_big too_big_reply
           unknown_method unknown_service cancel gzip)

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  # Closing our ends of the stdin fifos asks each server to stop; then make sure.
  for fd in "${FDS[@]:-}"; do [[ -n "$fd" ]] && eval "exec ${fd}>&-" 2>/dev/null; done
  sleep 0.5
  for pid in "${PIDS[@]:-}"; do [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; done
  rm -rf "$WORK"
}
FDS=()
trap cleanup EXIT

if [[ ! -d "$HERE/node/node_modules/@grpc/grpc-js" ]]; then
  (cd "$HERE/node" && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed"; exit 1; }
fi

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# wait_listening FILE -> prints the port from "LISTENING <port>", or nothing after 20 s.
wait_listening() {
  local i
  for i in $(seq 1 200); do
    if grep -q '^LISTENING ' "$1" 2>/dev/null; then
      awk '/^LISTENING /{print $2; exit}' "$1"
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# closed_fds CMD... : runs CMD without our fifo write ends, which bash would let it inherit
# (a server holding another server's fifo open would never see that stdin close).
closed_fds() {
  local fd
  for fd in "${FDS[@]:-}"; do [[ -n "$fd" ]] && eval "exec ${fd}>&-"; done
  exec "$@"
}

# start NAME CMD... : runs CMD with a fifo as stdin that we hold open; sets PORT_<NAME>,
# PID_<NAME> and FD_<NAME>.
start() {
  local name="$1"; shift
  mkfifo "$WORK/$name.in"
  (closed_fds "$@") <"$WORK/$name.in" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  local pid=$!
  local fd
  exec {fd}>"$WORK/$name.in"
  PIDS+=("$pid"); FDS+=("$fd")
  local port
  if ! port="$(wait_listening "$WORK/$name.out")"; then
    echo "$name did not print LISTENING; stderr:"; cat "$WORK/$name.err"
    exit 1
  fi
  printf -v "PORT_$name" '%s' "$port"
  printf -v "PID_$name" '%s' "$pid"
  printf -v "FD_$name" '%s' "$fd"
}

# stopped PID SECONDS -> 0 if the process has exited within SECONDS.
stopped() {
  local i
  for i in $(seq 1 $(($2 * 10))); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}

CLIENT_python=("$PY" "$HERE/python/client.py")
CLIENT_node=("$NODE" "$HERE/node/client.js")
SERVER_python=("$PY" "$HERE/python/server.py" --port 0)
SERVER_node=("$NODE" "$HERE/node/server.js" --port 0)

start python "${SERVER_python[@]}"
start node "${SERVER_node[@]}"
echo "servers: python on 127.0.0.1:$PORT_python, node on 127.0.0.1:$PORT_node"

for server in python node; do
  out="$WORK/$server.out"
  if [[ "$(wc -l <"$out")" -eq 1 ]]; then pass "$server server prints exactly one stdout line"
  else fail "$server server stdout: $(cat "$out")"; fi
done

# --- the matrix -------------------------------------------------------------------------
for client in python node; do
  for server in python node; do
    port_var="PORT_$server"
    for scenario in "${SCENARIOS[@]}"; do
      cmd="CLIENT_${client}[@]"
      label="$client -> $server : $scenario"
      stdout="$("${!cmd}" --target "127.0.0.1:${!port_var}" --scenario "$scenario" 2>"$WORK/client.err")"
      rc=$?
      if [[ $rc -ne 0 ]]; then
        fail "$label (exit $rc): $(head -c 2000 "$WORK/client.err")"
      elif [[ "$(printf '%s\n' "$stdout" | wc -l)" -ne 1 ]]; then
        fail "$label: expected one stdout line, got: $stdout"
      elif problems="$("$PY" "$HERE/expect.py" "$scenario" "$stdout" 2>&1)"; then
        pass "$label"
      else
        fail "$label: $stdout"$'\n'"$problems"
      fi
    done
  done
done

# --- gzip really on the wire -----------------------------------------------------------------
# The request text is 10000 bytes; under 4000 bytes client->server means it was compressed.
for client in python node; do
  for server in python node; do
    port_var="PORT_$server"
    tap="tap_${client}_$server"
    start "$tap" "$PY" "$HERE/wiretap.py" --target "127.0.0.1:${!port_var}"
    tap_port="PORT_$tap"; tap_fd="FD_$tap"; tap_pid="PID_$tap"
    cmd="CLIENT_${client}[@]"
    stdout="$("${!cmd}" --target "127.0.0.1:${!tap_port}" --scenario gzip 2>"$WORK/client.err")"
    eval "exec ${!tap_fd}>&-"
    stopped "${!tap_pid}" 5
    up="$(sed -n 's/^BYTES up=\([0-9]*\).*/\1/p' "$WORK/$tap.out")"
    if "$PY" "$HERE/expect.py" gzip "$stdout" 2>/dev/null && [[ -n "$up" && "$up" -lt 4000 ]]; then
      pass "$client -> $server : gzip on the wire ($up bytes client->server)"
    else
      fail "$client -> $server : gzip on the wire (up=${up:-?} bytes; $stdout)"
    fi
  done
done

# --- server lifecycle ------------------------------------------------------------------------
for server in python node; do
  fd_var="FD_$server"; pid_var="PID_$server"
  eval "exec ${!fd_var}>&-"
  if stopped "${!pid_var}" 5; then pass "$server server stops when stdin closes"
  else fail "$server server still running 5 s after stdin closed"; fi

  cmd="SERVER_${server}[@]"
  (closed_fds "${!cmd}") </dev/null >"$WORK/$server.devnull.out" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  if wait_listening "$WORK/$server.devnull.out" >/dev/null && sleep 1 && kill -0 "$pid" 2>/dev/null; then
    pass "$server server keeps serving with stdin from /dev/null"
  else
    fail "$server server with stdin from /dev/null: $(cat "$WORK/$server.devnull.out")"
  fi
  kill -TERM "$pid" 2>/dev/null
  if stopped "$pid" 5; then
    wait "$pid"; rc=$?
    if [[ $rc -eq 0 ]]; then pass "$server server exits 0 on SIGTERM"
    else fail "$server server exit code $rc on SIGTERM"; fi
  else
    fail "$server server still running 5 s after SIGTERM"
  fi
done

echo "selfcheck: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
