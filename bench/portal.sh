# The portal under load (issue "The public portal"), wrk on loopback with
# the server and wrk on one core each, each page next to nginx serving the
# same bytes as a static file in the same run.
# Goals: a document page at least 0.5 of nginx; search p99 under 50 ms at
# 64 connections for two-character queries over 1,000,000 documents; the
# server under 100 MB resident.
# Corpus: build/bench/large.db (bench/ledger.sh makes it).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
g=$top/build/gongkai
db=$top/build/bench/large.db
secs=${BENCH_SECONDS:-10}
if [ ! -e "$db" ]; then
	echo "skip: $db is missing (bench/ledger.sh makes it)"
	exit 0
fi
dir=$(mktemp -d)
srv="" ngx=""
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; [ -n "$ngx" ] && kill "$ngx" 2>/dev/null; rm -rf "$dir"' EXIT
# taskset execs its command, so $! below is the server's own pid.
cpu0="taskset -c 0" cpu1="taskset -c 1"
command -v taskset >/dev/null || cpu0="" cpu1=""

$cpu0 "$g" serve --db "$db" --listen 127.0.0.1:18080 --threads 1 --static "$top/static" \
	--templates "$top/templates" 2>"$dir/serve.log" &
srv=$!
for _ in $(seq 300); do curl -sf http://127.0.0.1:18080/healthz >/dev/null && break; sleep 0.1; done

# The same document page as a static file for nginx (one worker, CPU 0).
doc=/documents/500000
mkdir -p "$dir/www"
curl -sf "http://127.0.0.1:18080$doc" >"$dir/www/doc.html"
cat >"$dir/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx.err;
events { worker_connections 1024; }
http {
	access_log off;
	open_file_cache max=100;
	keepalive_requests 1000000;
	default_type text/html;
	server { listen 127.0.0.1:18081; root $dir/www; }
}
CONF
$cpu0 nginx -c "$dir/nginx.conf" &
ngx=$!
sleep 0.5

rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1"; }
p99() { sed -n 's/^ *99% *\(.*\)$/\1/p' "$1"; }
echo "document page $doc: $(wc -c <"$dir/www/doc.html") bytes"
$cpu1 wrk -t1 -c64 -d"${secs}s" --latency "http://127.0.0.1:18080$doc" >"$dir/doc.gk"
$cpu1 wrk -t1 -c64 -d"${secs}s" --latency "http://127.0.0.1:18081/doc.html" >"$dir/doc.ngx"
awk -v a="$(rps "$dir/doc.gk")" -v b="$(rps "$dir/doc.ngx")" 'BEGIN {
	printf "document page: gongkai %.0f req/s, nginx static %.0f req/s, ratio %.2f (goal >= 0.5: %s)\n",
		a, b, a / b, (a / b >= 0.5 ? "met" : "NOT met") }'
echo "  p99 gongkai $(p99 "$dir/doc.gk"), nginx $(p99 "$dir/doc.ngx")"

# Search: two-character queries, common and rare, in turn on each request.
cat >"$dir/search.lua" <<'LUA'
local terms = {"公开", "预算", "决算", "教育", "规划", "通知", "关于", "工作", "招标", "环境",
	"卫生", "交通", "农业", "社保", "住房", "养老", "税收", "应急", "监督", "审计"}
local i = 0
request = function()
	i = i + 1
	local t = terms[(i % #terms) + 1]
	local enc = t:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)
	return wrk.format("GET", "/search?q=" .. enc)
end
LUA
$cpu1 wrk -t1 -c64 -d"${secs}s" --latency -s "$dir/search.lua" http://127.0.0.1:18080/ >"$dir/search.gk"
echo "search (20 two-character terms in turn, 64 connections): $(rps "$dir/search.gk") req/s, p50 $(sed -n 's/^ *50% *\(.*\)$/\1/p' "$dir/search.gk"), p99 $(p99 "$dir/search.gk")"
echo "server memory after the runs: $(grep -E 'VmHWM|VmRSS' /proc/$srv/status | tr -s ' \t' ' ' | tr '\n' ' ')"
