#!/usr/bin/env bash
# Pages served by the engine beside nginx serving the same bytes: a generated corpus of
# 100,000 articles, the release server and nginx (one worker) each pinned to core 0 in turn,
# wrk on core 1 over loopback. Prints one table (requests/s, p50, p99 for each page on both
# servers, and the ratio engine/nginx), the start-up time and memory, and the article page's
# transfer sizes. Each page is measured twice: as plain HTML (no Accept-Encoding, what the
# issue compares) and brotli-compressed (what browsers get; nginx sends the engine's saved
# brotli bytes as they are). The machine is shared: each page is measured in rounds that
# alternate the two servers (the order flips every round), so drift falls on both alike.
# Fails loudly if any page answers anything but 200.
#
# Usage: scripts/bench/pages.sh <wenming binary> <site root>
#   BENCH_SECONDS  seconds of load per page and server, split over the rounds (default 10)
#   BENCH_ROUNDS   alternating rounds per page (default 5)
set -euo pipefail

bin=${1:?the wenming binary}
site_root=${2:?the built site folder}
articles=${BENCH_ARTICLES:-100000}
seconds=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-5}
(( seconds >= rounds && seconds % rounds == 0 )) \
  || { echo "BENCH_SECONDS ($seconds) must be a multiple of BENCH_ROUNDS ($rounds)" >&2; exit 2; }
slice=$(( seconds / rounds ))
connections=${BENCH_CONNECTIONS:-64}
engine_port=${BENCH_PORT:-3220}
nginx_port=$((engine_port + 1))

work=$(mktemp -d)
server_pid=
nginx_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

echo "generating $articles articles..."
"$bin" generate "$work/content" --articles "$articles" 2>/dev/null

now_ms() { date +%s%3N; }
rss_mib() { echo $(( $(awk '/^VmRSS/ { print $2 }' "/proc/$1/status") / 1024 )); }

# Pages: a name, the engine's path. The article is one from the middle of the archive; the
# listing's page 1,000 is deep in the largest category.
names=(home listing-1 listing-1000 article)
paths=("/" "/list/news" "/list/news/1000" "/article/$((articles / 2))")

started=$(now_ms)
RUST_LOG=warn taskset -c 0 "$bin" serve --content "$work/content" --data "$work/data" \
  --site-root "$site_root" --addr "127.0.0.1:$engine_port" &
server_pid=$!
until curl -fsS -o /dev/null "http://127.0.0.1:$engine_port${paths[3]}" 2>/dev/null; do
  kill -0 "$server_pid" || { echo "FAIL: the server exited" >&2; exit 1; }
  if (( $(now_ms) - started > 60000 )); then
    curl -sS -o /dev/null -w "FAIL: ${paths[3]} still answers %{http_code} after 60 s\n" \
      "http://127.0.0.1:$engine_port${paths[3]}" >&2
    exit 1
  fi
  sleep 0.02
done
startup_ms=$(( $(now_ms) - started ))
rss_start=$(rss_mib "$server_pid")

# The same bytes for nginx: each page saved once, served as a static file.
mkdir -p "$work/www" "$work/nginx"
for i in "${!names[@]}"; do
  curl -fsS -o "$work/www/${names[$i]}.html" "http://127.0.0.1:$engine_port${paths[$i]}" \
    || { echo "FAIL: ${paths[$i]} did not answer 200" >&2; exit 1; }
  curl -fsS -H "Accept-Encoding: br" -o "$work/www/${names[$i]}.html.br" \
    "http://127.0.0.1:$engine_port${paths[$i]}" \
    || { echo "FAIL: ${paths[$i]} did not answer 200 in brotli" >&2; exit 1; }
done
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
worker_cpu_affinity 01;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  charset utf-8;
  server_tokens off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx;
  scgi_temp_path $work/nginx;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location ~ \.br\$ {
      types { }
      default_type "text/html; charset=utf-8";
      add_header Content-Encoding br;
    }
  }
}
CONF
# nginx's worker drops root: it must be able to read the pages.
chmod 755 "$work"
chmod -R a+rX "$work/www"
nginx -c "$work/nginx/nginx.conf" &
nginx_pid=$!
for _ in $(seq 200); do
  curl -fsS -o /dev/null "http://127.0.0.1:$nginx_port/home.html" 2>/dev/null && break
  sleep 0.05
done
curl -fsS -o /dev/null "http://127.0.0.1:$nginx_port/home.html" \
  || { echo "FAIL: nginx does not serve the saved pages" >&2; cat "$work/nginx/error.log" >&2; exit 1; }

# wrk's requests/s, p50 and p99; fails on any answer but 2xx/3xx or a socket error. Extra
# arguments go to wrk (a header).
measure() {
  local url=$1 out rps
  shift
  out=$(taskset -c 1 wrk -t1 -c"$connections" -d"${slice}s" --latency "$@" "$url") \
    || { echo "FAIL: wrk could not measure $url" >&2; return 1; }
  rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
  [[ -n $rps ]] || { echo "$out" >&2; echo "FAIL: wrk gave no rate for $url" >&2; return 1; }
  if grep -qE "Non-2xx or 3xx responses|Socket errors" <<<"$out"; then
    echo "$out" >&2
    echo "FAIL: $url answered something other than 200" >&2
    return 1
  fi
  printf '%s %s %s\n' "$rps" \
    "$(ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")" \
    "$(ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
}

# Rounds of `measure` lines summed up as one: the mean requests/s, the median p50 and p99.
summary() {
  local median='{ v[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2 ? v[m] : (v[m] + v[m + 1]) / 2) }'
  printf '%.0f %s %s\n' \
    "$(printf '%s\n' "$@" | awk '{ sum += $1 } END { print sum / NR }')" \
    "$(printf '%s\n' "$@" | awk '{ print $2 }' | sort -g | awk "$median")" \
    "$(printf '%s\n' "$@" | awk '{ print $3 }' | sort -g | awk "$median")"
}

# One page on both servers, side by side: two lines, the engine's summary then nginx's.
# Extra arguments go to wrk for the engine only (nginx serves each encoding as its own file).
side_by_side() {
  local engine_url=$1 nginx_url=$2 run round
  shift 2
  local engine_runs=() nginx_runs=()
  for ((round = 0; round < rounds; round++)); do
    if ((round % 2 == 0)); then
      run=$(measure "$engine_url" "$@")
      engine_runs+=("$run")
      run=$(measure "$nginx_url")
      nginx_runs+=("$run")
    else
      run=$(measure "$nginx_url")
      nginx_runs+=("$run")
      run=$(measure "$engine_url" "$@")
      engine_runs+=("$run")
    fi
  done
  summary "${engine_runs[@]}"
  summary "${nginx_runs[@]}"
}

# Latency as milliseconds, whatever unit wrk printed.
ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

# The brotli file must really be brotli, and nginx must send it as such.
curl -fsS -o /dev/null -D "$work/br-headers" "http://127.0.0.1:$nginx_port/home.html.br"
grep -qi '^content-encoding: br' "$work/br-headers" \
  || { echo "FAIL: nginx does not label the brotli pages" >&2; exit 1; }

row() {
  local label=$1 engine=$2 nginx_row=$3
  read -r e_rps e_p50 e_p99 <<<"$engine"
  read -r n_rps n_p50 n_p99 <<<"$nginx_row"
  printf '%-16s %10.0f %8s %8s %10.0f %8s %8s %8.2f %8.2f' "$label" \
    "$e_rps" "$e_p50" "$e_p99" "$n_rps" "$n_p50" "$n_p99" \
    "$(echo "$e_rps / $n_rps" | bc -l)" "$(echo "$e_p99 / $n_p99" | bc -l)"
}

# Each side_by_side runs in this shell (not in a substitution), so a failed measurement
# stops the script (set -e).
rows=()
for i in "${!names[@]}"; do
  engine_url="http://127.0.0.1:$engine_port${paths[$i]}"
  taskset -c 1 wrk -t1 -c8 -d1s "$engine_url" >/dev/null
  side_by_side "$engine_url" "http://127.0.0.1:$nginx_port/${names[$i]}.html" >"$work/pair"
  rows+=("$(row "${names[$i]}" "$(sed -n 1p "$work/pair")" "$(sed -n 2p "$work/pair")")")
done
for i in "${!names[@]}"; do
  side_by_side "http://127.0.0.1:$engine_port${paths[$i]}" \
    "http://127.0.0.1:$nginx_port/${names[$i]}.html.br" -H "Accept-Encoding: br" >"$work/pair"
  rows+=("$(row "${names[$i]} br" "$(sed -n 1p "$work/pair")" "$(sed -n 2p "$work/pair")")")
done
rss_after=$(rss_mib "$server_pid")

size_row() {
  local name=$1 file=$2
  printf '%-10s %10d %10d %10d\n' "$name" "$(wc -c <"$file")" "$(gzip -9c "$file" | wc -c)" \
    "$(brotli -c -q 11 "$file" | wc -c)"
}

echo
echo "$(date -u +%F), $articles articles, $(nproc) cores: server on core 0, wrk on core 1, $connections connections, ${seconds}s per page and server in $rounds alternating rounds (r/s: mean; p50, p99: median of the rounds)"
echo
printf '%-16s %10s %8s %8s %10s %8s %8s %8s %8s\n' page "engine r/s" "p50 ms" "p99 ms" \
  "nginx r/s" "p50 ms" "p99 ms" "r/s ×" "p99 ×"
printf '%s\n' "${rows[@]}"
echo
echo "start-up to the first article served: $startup_ms ms"
echo "resident memory: $rss_start MiB after start-up, $rss_after MiB after the load"
echo
echo "article page transfer sizes (bytes):"
printf '%-10s %10s %10s %10s\n' file raw gzip brotli
size_row html "$work/www/article.html"
for file in "$site_root"/pkg/*.css "$site_root"/pkg/*.js "$site_root"/pkg/*.wasm; do
  size_row "${file##*.}" "$file"
done
