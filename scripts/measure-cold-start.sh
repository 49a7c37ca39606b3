#!/usr/bin/env bash
# Cold start to first answer: `npm start` on an empty in-memory PGlite (migrate, sync the
# catalog, seed the demo data, serve) until `subject(code:)` answers. Prints seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-4310}
start=$(date +%s.%N)
if curl -s "http://127.0.0.1:$port/healthz" >/dev/null; then echo "port $port is already in use" >&2; exit 1; fi
# Its own process group, so the server node process dies with npm when we are done.
PGLITE_DIR=memory:// PORT=$port setsid npm start >/tmp/cold-start.log 2>&1 &
pid=$!
trap 'kill -- -$pid 2>/dev/null || true' EXIT
query='{"query":"{ subject(code: \"91320100748204660Q\") { name } }"}'
until curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d "$query" | grep -q 南京钢铁; do
  sleep 0.1
  kill -0 $pid 2>/dev/null || { echo "server exited; see /tmp/cold-start.log" >&2; exit 1; }
done
end=$(date +%s.%N)
printf 'cold start to first answer: %.1f s\n' "$(echo "$end - $start" | bc)"
