#!/usr/bin/env bash
# Lighthouse on an article page of the demo site: the release server on a content folder with a
# data folder of its own, Lighthouse's default (mobile, throttled) run in Debian's Chromium.
# Prints the four category scores, and under them each audit that keeps a category below 100;
# keeps the JSON report. Fails if the server or Lighthouse does.
#
# Usage: scripts/bench/lighthouse.sh <wenming binary> <site root> [content folder]
#   LIGHTHOUSE_PATH  the page to audit (default: the first /article/<id> linked from the home page)
#   LIGHTHOUSE_PORT  the server's port (default 3907)
#   LIGHTHOUSE_OUT   where the report goes (default: a new folder under /tmp, printed at the end)
set -euo pipefail

bin=${1:?the wenming binary}
site_root=${2:?the built site folder}
content=${3:-content}
port=${LIGHTHOUSE_PORT:-3907}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tool_dir=$here/lighthouse
chrome=${CHROME_PATH:-/usr/bin/chromium}

[[ -x $chrome ]] || { echo "FAIL: no Chromium at $chrome (make chromium installs Debian's)" >&2; exit 1; }

# Lighthouse, at the version its package-lock.json pins; installed once.
if [[ ! -f $tool_dir/node_modules/.package-lock.json || $tool_dir/package-lock.json -nt $tool_dir/node_modules/.package-lock.json ]]; then
  (cd "$tool_dir" && npm ci --no-audit --no-fund)
fi
lighthouse=$tool_dir/node_modules/.bin/lighthouse

out=${LIGHTHOUSE_OUT:-$(mktemp -d /tmp/lighthouse.XXXXXX)}
mkdir -p "$out"
work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

base=http://127.0.0.1:$port
now_ms() { date +%s%3N; }

RUST_LOG=warn "$bin" serve --content "$content" --data "$work/data" --site-root "$site_root" \
  --addr "127.0.0.1:$port" --public-url "http://127.0.0.1:$port" &
server_pid=$!
started=$(now_ms)
until curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; do
  kill -0 "$server_pid" 2>/dev/null || { echo "FAIL: the server exited" >&2; server_pid=; exit 1; }
  (( $(now_ms) - started < 60000 )) || { echo "FAIL: /healthz does not answer after 60 s" >&2; exit 1; }
  sleep 0.05
done

path=${LIGHTHOUSE_PATH:-$(curl -fsS "$base/" | grep -o 'href="/article/[0-9]*"' | head -1 | cut -d'"' -f2)}
[[ -n $path ]] || { echo "FAIL: the home page links no article" >&2; exit 1; }
curl -fsS -o /dev/null "$base$path" || { echo "FAIL: $path does not answer 200" >&2; exit 1; }

report=$out/lighthouse.json
echo "lighthouse $("$lighthouse" --version) on $base$path (mobile, default throttling)..."
CHROME_PATH=$chrome "$lighthouse" "$base$path" --quiet --output=json --output-path="$report" \
  --chrome-flags="--headless=new --no-sandbox" \
  || { echo "FAIL: lighthouse exited with $?" >&2; exit 1; }

# The scores, then what keeps each category under 100 (audits that count, scored below 1).
node - "$report" <<'JS'
const lhr = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
if (lhr.runtimeError) {
  console.error(`FAIL: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  process.exit(1);
}
const ids = ['performance', 'accessibility', 'best-practices', 'seo'];
console.log(`\n${'category'.padEnd(16)} score`);
let missing = false;
for (const id of ids) {
  const score = lhr.categories[id]?.score;
  if (score == null) missing = true;
  console.log(`${id.padEnd(16)} ${score == null ? '—' : Math.round(score * 100)}`);
}
const m = (id) => lhr.audits[id]?.displayValue ?? '—';
console.log(`\nFCP ${m('first-contentful-paint')}, LCP ${m('largest-contentful-paint')}, ` +
  `TBT ${m('total-blocking-time')}, CLS ${m('cumulative-layout-shift')}, SI ${m('speed-index')}`);
for (const id of ids) {
  const cat = lhr.categories[id];
  if (!cat || cat.score === 1) continue;
  const failing = cat.auditRefs
    .filter((ref) => ref.weight > 0 || id === 'performance')
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative'
      && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual');
  if (!failing.length) continue;
  console.log(`\n${id}:`);
  for (const a of failing) {
    console.log(`  ${a.id} (${Math.round(a.score * 100)})${a.displayValue ? ': ' + a.displayValue : ''}`);
  }
}
if (missing) { console.error('FAIL: a category has no score'); process.exit(1); }
JS

echo
echo "report: $report"
