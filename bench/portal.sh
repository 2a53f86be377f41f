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

# init migrates a file made by an older build (minutes for a million rows)
# and creates the key for personal data when the file has none.
"$g" init --db "$db" >/dev/null
$cpu0 "$g" serve --db "$db" --listen 127.0.0.1:18080 --threads 1 --static "$top/static" \
	--templates "$top/templates" 2>"$dir/serve.log" &
srv=$!
for _ in $(seq 600); do
	curl -sf http://127.0.0.1:18080/healthz >/dev/null && break
	kill -0 "$srv" 2>/dev/null || break
	sleep 0.1
done
curl -sf http://127.0.0.1:18080/healthz >/dev/null ||
	{ echo "the server did not start: $(tail -3 "$dir/serve.log")"; exit 1; }

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

# Search. Two query sets, both two-character terms: the 20 common ones
# people type most (repeated searches are served from the one-minute
# page cache after their first run), and ~1,000 distinct pairs taken from
# document titles, which miss the cache and show the search itself.
sqlite3 "$db" "SELECT DISTINCT substr(title, 1 + id % 12, 2) AS t FROM documents
	WHERE id % 101 = 0 AND t GLOB '[一-龥][一-龥]' LIMIT 1000" >"$dir/terms.txt"
search_lua() { # FILE-OF-TERMS DELAY-MS
	cat <<LUA
local terms = {}
for line in io.lines("$1") do terms[#terms + 1] = line end
local i = 0
request = function()
	i = i + 1
	local t = terms[(i % #terms) + 1]
	local enc = t:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)
	return wrk.format("GET", "/search?q=" .. enc)
end
delay = function() return $2 end
LUA
}
printf '%s\n' 公开 预算 决算 教育 规划 通知 关于 工作 招标 环境 卫生 交通 农业 社保 住房 养老 税收 应急 监督 审计 >"$dir/popular.txt"
search_lua "$dir/popular.txt" 0 >"$dir/popular.lua"
search_lua "$dir/terms.txt" 0 >"$dir/distinct.lua"
search_lua "$dir/terms.txt" 1500 >"$dir/paced.lua"
# One request at a time, each term once (all cache misses): the search's
# own time, through the server and its API.
while read -r t; do
	curl -s -o /dev/null -w '%{time_total}\n' --get --data-urlencode "q=$t" \
		http://127.0.0.1:18080/api/v1/search
done <"$dir/terms.txt" | sort -n >"$dir/one.txt"
awk '{ v[NR] = $1 * 1000 } END { printf "search, %d distinct terms, one request at a time (cache misses): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (goal p99 < 50 ms: %s)\n",
	NR, v[int(NR * 0.5)], v[int(NR * 0.9)], v[int(NR * 0.99)], v[NR], (v[int(NR * 0.99)] < 50 ? "met" : "NOT met") }' "$dir/one.txt"
lat() { echo "p50 $(sed -n 's/^ *50% *\(.*\)$/\1/p' "$1"), p99 $(p99 "$1"), $(rps "$1") req/s"; }
$cpu1 wrk -t1 -c64 -d"${secs}s" --latency -s "$dir/popular.lua" http://127.0.0.1:18080/ >"$dir/s1"
echo "search, 20 popular terms, 64 connections, full load: $(lat "$dir/s1")"
$cpu1 wrk -t1 -c64 -d"${secs}s" --latency -s "$dir/paced.lua" http://127.0.0.1:18080/ >"$dir/s2"
echo "search, $(wc -l <"$dir/terms.txt") distinct terms, 64 connections each waiting 1.5 s between requests (~40 req/s offered): $(lat "$dir/s2")"
$cpu1 wrk -t1 -c64 -d"${secs}s" --latency -s "$dir/distinct.lua" http://127.0.0.1:18080/ >"$dir/s3"
echo "search, the same distinct terms, 64 connections, full load (queueing): $(lat "$dir/s3")"
echo "server memory after the runs: $(grep -E 'VmHWM|VmRSS' /proc/$srv/status | tr -s ' \t' ' ' | tr '\n' ' ')"
