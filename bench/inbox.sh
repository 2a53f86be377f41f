# The inbox of an agency with 100,000 open cases (issue "The back office"):
# goal under 50 ms for the first page (counts by stage, overdue and paused
# over all 100,000, and the 50 most urgent rows). Measured with curl, one
# request at a time on loopback (the server on one thread); the reference
# in the same run is the same page's bytes served by nginx as a static
# file, and the two SQL statements the page runs, timed in the sqlite3
# shell on the same file.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
g=$top/build/gongkai
n=${BENCH_CASES:-100000}
runs=${BENCH_RUNS:-200}
dir=$(mktemp -d)
srv="" ngx=""
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; [ -n "$ngx" ] && kill "$ngx" 2>/dev/null; rm -rf "$dir"' EXIT
db=$dir/inbox.db

"$g" demo --db "$db" --seed 3 --today 2026-11-27 >/dev/null
printf 'Bench-inbox-2026\n' | "$g" user add bench --agency qu-fgj --role handler --db "$db" >/dev/null
# n open applications of one agency received over the last 60 days, each
# with its RECEIVED event; their state is derived when the server starts.
sqlite3 "$db" <<SQL
BEGIN;
WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < $n)
INSERT INTO applications (agency_id, ref, applicant_type, applicant_name, channel, received,
  content, form, delivery)
SELECT (SELECT id FROM agencies WHERE code = 'qu-fgj'), 'B' || k, k % 6, '申请人' || k, k % 5,
  date('2026-11-27', '-' || (k % 60) || ' days'), '请公开第' || k || '号文件', 1, 1 FROM i;
INSERT INTO events (application_id, kind, date)
SELECT id, 0, received FROM applications WHERE ref GLOB 'B[0-9]*';
COMMIT;
SQL

t0=$(date +%s.%N)
taskset -c 0 "$g" serve --db "$db" --listen 127.0.0.1:18090 --threads 1 --today 2026-11-27 \
	--templates "$top/templates" --static "$top/static" 2>"$dir/serve.log" &
srv=$!
for _ in $(seq 1200); do
	curl -sf http://127.0.0.1:18090/healthz >/dev/null && break
	kill -0 "$srv" 2>/dev/null || break
	sleep 0.1
done
t1=$(date +%s.%N)
grep -h 'derived' "$dir/serve.log" || true
echo "start with $n cases to derive: $(echo "$t1 - $t0" | bc) s"

cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
	-d '{"username":"bench","password":"Bench-inbox-2026"}' http://127.0.0.1:18090/api/v1/session |
	tr -d '\r' | sed -n 's/^Set-Cookie: \(gk_session=[^;]*\).*/\1/p')
url=http://127.0.0.1:18090/office/inbox
curl -sf -H "Cookie: $cookie" "$url" >"$dir/inbox.html"
grep -o '未办结 <strong>[0-9]*' "$dir/inbox.html" | head -1

# percentiles of curl's time_total over $runs requests, in ms
measure() {
	for _ in $(seq "$runs"); do curl -s -o /dev/null -w '%{time_total}\n' "$@"; done |
		sort -n | awk '{ t[NR] = $1 * 1000 } END {
			printf "p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
				t[int(NR * 0.5)], t[int(NR * 0.9)], t[int(NR * 0.99)], t[NR] }'
}
echo "inbox page (gongkai, one thread):   $(measure -H "Cookie: $cookie" "$url")"

mkdir -p "$dir/www"
cp "$dir/inbox.html" "$dir/www/inbox.html"
cat >"$dir/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx.err;
events { worker_connections 64; }
http { access_log off; default_type text/html;
       server { listen 127.0.0.1:18091; root $dir/www; } }
CONF
if command -v nginx >/dev/null; then
	taskset -c 0 nginx -c "$dir/nginx.conf" &
	ngx=$!
	sleep 0.5
	echo "same bytes from nginx (reference):  $(measure http://127.0.0.1:18091/inbox.html)"
fi

# The SQL of the page alone, in the sqlite3 shell.
agency=$(sqlite3 "$db" "SELECT id FROM agencies WHERE code = 'qu-fgj'")
sqlite3 "$db" >"$dir/sql.txt" <<SQL
.timer on
SELECT stage, count(*), sum(paused = 0 AND due < '2026-11-27'), sum(paused)
 FROM applications INDEXED BY applications_inbox
 WHERE agency_id = $agency AND closed IS NULL GROUP BY stage;
SELECT id, due FROM applications INDEXED BY applications_inbox
 WHERE agency_id = $agency AND closed IS NULL ORDER BY paused, due, id LIMIT 50;
SQL
grep '^Run Time' "$dir/sql.txt" | sed 's/^/sqlite3 shell: /'
