#!/usr/bin/env bash
# The view-recording endpoint under load: the release server pinned to core 0, wrk on core
# 1, over loopback, with the counter's once-a-second flush to disk running. Prints one table
# and fails loudly if any request is answered with anything but success, or if the views
# counted differ from the views sent.
#
# Usage: scripts/bench/views.sh <wenming binary> <site root> [content folder]
set -euo pipefail

bin=${1:?the wenming binary}
site_root=${2:?the built site folder}
content=${3:-content}
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
port=${BENCH_PORT:-3210}
base="http://127.0.0.1:$port"
here=$(cd "$(dirname "$0")" && pwd)

work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Published article ids, straight from the files.
mapfile -t ids < <(grep -rL '^draft *= *true' --include='*.md' "$content/articles" \
  | xargs sed -n 's/^id *= *\([0-9]\+\) *$/\1/p' | sort -n)
(( ${#ids[@]} > 0 )) || { echo "no published articles in $content" >&2; exit 1; }

RUST_LOG=warn taskset -c 0 "$bin" serve --content "$content" --data "$work/data" \
  --site-root "$site_root" --addr "127.0.0.1:$port" &
server_pid=$!
for _ in $(seq 100); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "$base/healthz" >/dev/null

# wrk's summary: requests/s, p50 and p99 latency; fails on non-2xx answers or socket errors.
run_wrk() {
  local label=$1; shift
  local out
  out=$(taskset -c 1 wrk -t1 -c"$connections" -d"$duration" --latency "$@")
  if grep -q "Non-2xx or 3xx responses" <<<"$out" || grep -q "Socket errors" <<<"$out"; then
    echo "$out" >&2
    echo "FAIL: $label answered something other than success" >&2
    exit 1
  fi
  if grep -q "unexpected-answers [1-9]" <<<"$out"; then
    echo "$out" >&2
    echo "FAIL: $label answered something other than 204" >&2
    exit 1
  fi
  local rps p50 p99 total
  rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  total=$(awk '/requests in/ { print $1 }' <<<"$out")
  printf '%s %s %s %s\n' "$rps" "$p50" "$p99" "$total"
}

# A short warm-up, then the cheapest route as the yardstick, then the real thing.
taskset -c 1 wrk -t1 -c8 -d2s "$base/healthz" >/dev/null
# (Assigned first, so that a failed run stops the script.)
health=$(run_wrk "GET /healthz" "$base/healthz")
views=$(run_wrk "POST /views/{id}" -s "$here/views.lua" "$base" -- "${ids[@]}")
read -r health_rps health_p50 health_p99 _ <<<"$health"
read -r views_rps views_p50 views_p99 views_sent <<<"$views"

# Every request was a new reader: after one more flush, the counts must add up to them.
sleep 1.5
counted=0
for id in "${ids[@]}"; do
  n=$(curl -fsS "$base/article/$id" | sed -n 's/.*data-views="\([0-9]*\)".*/\1/p' | head -1)
  counted=$((counted + ${n:-0}))
done
rss_kib=$(awk '/^VmRSS/ { print $2 }' "/proc/$server_pid/status")
log_files=$(ls "$work/data/views" | grep -c '^log\.' || true)

printf '\n%-22s %12s %10s %10s\n' "route" "requests/s" "p50" "p99"
printf '%-22s %12s %10s %10s\n' "GET /healthz" "$health_rps" "$health_p50" "$health_p99"
printf '%-22s %12s %10s %10s\n' "POST /views/{id}" "$views_rps" "$views_p50" "$views_p99"
printf '\nrecording / healthz:    %.2f\n' "$(echo "$views_rps / $health_rps" | bc -l)"
printf 'views sent:             %s (each from a new reader, over %s articles)\n' "$views_sent" "${#ids[@]}"
printf 'views counted:          %s\n' "$counted"
printf 'server memory (RSS):    %s MiB\n' "$((rss_kib / 1024))"
printf 'view logs on disk:      %s\n' "$log_files"
printf 'machine: %s cores, server on core 0, wrk on core 1, %s connections, %s\n' \
  "$(nproc)" "$connections" "$duration"

# wrk stops with up to one request per connection unanswered, which the server may count.
if (( counted < views_sent || counted > views_sent + connections )); then
  echo "FAIL: $views_sent views were answered, $counted were counted" >&2
  exit 1
fi
target=${BENCH_MIN_VIEWS_PER_SECOND:-20000}
if (( $(echo "$views_rps < $target" | bc -l) )); then
  echo "BELOW TARGET: $views_rps views/s is under $target" >&2
  exit 1
fi
