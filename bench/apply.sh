# Online applications under load (issue "Online applications"): 1,000
# concurrent connections submitting through POST /api/v1/applications with
# wrk, then the same with the server killed (kill -9) midway. Afterwards
# every application that got a 201 must be in the database, no tracking
# code twice, and PRAGMA integrity_check ok. Records submissions per second.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
g=$top/build/gongkai
secs=${BENCH_SECONDS:-10}
dir=$(mktemp -d)
srv=""
trap '[ -n "$srv" ] && kill -9 "$srv" 2>/dev/null; rm -rf "$dir"' EXIT
ulimit -n 8192 2>/dev/null || true
"$g" demo --db "$dir/d.db" --seed 1 --today 2025-06-30 >/dev/null 2>&1

cat >"$dir/submit.lua" <<'LUA'
local n = 0
local out = io.open(os.getenv("CODES"), "w")
local stamp = tostring(os.time())
request = function()
	n = n + 1
	local body = '{"agency":"qu-fgj","idempotency_key":"load-' .. stamp .. '-' .. n .. '",' ..
		'"applicant":{"type":"自然人","name":"压力测试","id_number":"350102199003071234",' ..
		'"phone":"13800138000","address":"福建省福州市鼓楼区某某路1号"},' ..
		'"request":{"description":"请公开2024年部门预算"}}'
	return wrk.format("POST", "/api/v1/applications", {["Content-Type"] = "application/json"}, body)
end
response = function(status, headers, body)
	if status == 201 then
		out:write(body:match('"tracking_code":"([^"]+)"'), "\n")
		out:flush()
	end
end
LUA

start() {
	"$g" serve --db "$dir/d.db" --listen 127.0.0.1:18085 --threads 2 --apply-limit 0 2>>"$dir/serve.log" &
	srv=$!
	for _ in $(seq 100); do curl -sf http://127.0.0.1:18085/healthz >/dev/null && return; sleep 0.1; done
}
check() { # CODES-FILE LABEL
	local got stored dup ok
	got=$(sort -u "$1" | tee "$dir/got.txt" | wc -l)
	stored=$(printf '%s\n' "CREATE TEMP TABLE got(code TEXT);" ".import $dir/got.txt got" \
		"SELECT count(*) FROM got WHERE code IN (SELECT tracking_code FROM applications);" |
		sqlite3 "$dir/d.db")
	dup=$(sqlite3 "$dir/d.db" "SELECT count(*) FROM (SELECT tracking_code FROM applications WHERE tracking_code IS NOT NULL GROUP BY tracking_code HAVING count(*) > 1)")
	ok=$(sqlite3 "$dir/d.db" "PRAGMA integrity_check")
	echo "$2: $got answered 201, $stored of them in the database, $dup tracking codes twice, integrity_check: $ok"
}

start
CODES=$dir/codes1 wrk -t1 -c1000 -d"${secs}s" -s "$dir/submit.lua" http://127.0.0.1:18085/ >"$dir/wrk1" 2>&1
echo "1,000 connections, ${secs} s: $(sed -n 's/^Requests\/sec: *//p' "$dir/wrk1") submissions/s; $(grep -E 'Non-2xx|Socket errors' "$dir/wrk1" | tr '\n' ' ')"
kill "$srv"; wait "$srv" 2>/dev/null || true; srv=""
check "$dir/codes1" "after a clean stop"

start
CODES=$dir/codes2 wrk -t1 -c1000 -d"${secs}s" -s "$dir/submit.lua" http://127.0.0.1:18085/ >"$dir/wrk2" 2>&1 &
w=$!
sleep $((secs / 2))
kill -9 "$srv"; wait "$srv" 2>/dev/null || true; srv=""
wait "$w" || true
check "$dir/codes2" "after kill -9 midway"
start
curl -sf "http://127.0.0.1:18085/api/v1/applications/$(tail -1 "$dir/codes2")" >/dev/null &&
	echo "after restart: the last answered application is served"
