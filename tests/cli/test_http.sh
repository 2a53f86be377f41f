# gongkai serve on loopback: the tests/http cases, keep-alive, the access
# log, and a stop by SIGTERM that finishes the request in flight, exits 0
# and leaves no sanitizer report.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/cli/lib.sh"

if ! command -v curl >/dev/null; then
	skip_test "curl is not installed (scripts/bootstrap installs it)"
	exit 0
fi

dir=$(mktemp -d)
server=""
cleanup() {
	[ -n "$server" ] && kill -KILL "$server" 2>/dev/null
	rm -rf "$dir" "$tmp_out" "$tmp_err"
}
trap cleanup EXIT

run serve --listen 127.0.0.1:0
expect_status 2 "serve without --db is a usage error"
run serve --db "$dir/none.db" --listen localhost:80
expect_status 2 "serve refuses a database that does not exist"

"$GONGKAI" demo --db "$dir/demo.db" --seed 1 --today 2025-06-30 >/dev/null 2>&1 ||
	not_ok "gongkai demo made the database"
# Staff with a known password for tests/http/403-roles.http and the back
# office's cases: every role, in the department (qu-fgj), its district
# (qu-zf) and another department; t_password is the one whose password a
# case changes.
for u in "t_handler qu-fgj handler" "t_reviewer qu-fgj reviewer" "t_agency_admin qu-fgj agency_admin" \
	"t_supervisor qu-zf supervisor" "t_other_handler qu-czj handler" "t_admin qu-zf admin" \
	"t_password qu-zf supervisor"; do
	set -- $u
	printf 'Gongkai-test-2026\n' | "$GONGKAI" user add "$1" --agency "$2" --role "$3" \
		--db "$dir/demo.db" >/dev/null 2>&1 || not_ok "user $1 added"
done
run serve --db "$dir/demo.db" --listen localhost:8080
expect_status 2 "serve refuses a listen address that is not numeric"
expect_err "numeric address" "the message says what --listen takes"

# Port 0: the kernel picks a free port and the server prints it.
: >"$dir/stderr"
# --today: the demo's day, so that the back office's deadlines in the cases
# (tests/http/5xx) are the same whatever day the tests run.
"$GONGKAI" serve --db "$dir/demo.db" --listen 127.0.0.1:0 --threads 2 --today 2025-06-30 \
	--static "$top/tests/http/static" --access-log "$dir/access.log" 2>"$dir/stderr" &
server=$!
base=""
for _ in $(seq 100); do
	base=$(sed -n 's|.*listening on \(http://[0-9.:]*\)/.*|\1|p' "$dir/stderr")
	[ -n "$base" ] && curl -sf "$base/healthz" >/dev/null && break
	sleep 0.1
done
if [ -z "$base" ]; then
	not_ok "the server started" "stderr: $(cat "$dir/stderr")"
	exit 1
fi
ok "the server started on $base"

# The numbered cases, renumbered into this script's TAP lines.
while IFS= read -r line; do
	case "$line" in
	"ok "*) ok "${line#ok * - }" ;;
	"not ok "*) not_ok "${line#not ok * - }" ;;
	*) echo "$line" ;;
	esac
done < <(bash "$top/tests/http/run" "$base")

# Keep-alive: three requests in one curl run use one connection. MHD
# closes it when the first callback answers (c-ecosystem §3.1).
conns=$(curl -s -w "%{num_connects} " -o /dev/null "$base/healthz" -o /dev/null "$base/static/robots.txt" \
	-o /dev/null "$base/nothing")
if [ "$conns" = "1 0 0 " ]; then
	ok "keep-alive: 3 requests (200, static, 404) over one connection"
else
	not_ok "keep-alive: 3 requests (200, static, 404) over one connection" \
		"connections opened per request: $conns"
fi

# The access log: one line per request, the path without its query.
curl -s -o /dev/null "$base/healthz?name=%E5%BC%A0%E4%B8%89"
sleep 0.2
if grep -qE '^[0-9-]{10}T[0-9:.]{12}Z 127\.0\.0\.1 GET /healthz 200 3 [0-9]+$' "$dir/access.log"; then
	ok "the access log has time, client, method, path, status, bytes, microseconds"
else
	not_ok "the access log has time, client, method, path, status, bytes, microseconds" \
		"$(tail -3 "$dir/access.log")"
fi
if grep -q 'name=' "$dir/access.log"; then
	not_ok "query strings are not logged" "$(grep 'name=' "$dir/access.log")"
else
	ok "query strings are not logged"
fi

# SIGTERM while a slow upload is in flight: it gets its answer, then the
# server exits 0.
head -c 300000 /dev/zero >"$dir/body"
curl -s -o /dev/null -w '%{http_code}' --limit-rate 100k --data-binary "@$dir/body" \
	"$base/healthz" >"$dir/slow" &
slow=$!
sleep 1
kill -TERM "$server"
wait "$slow"
if [ "$(cat "$dir/slow")" = 405 ]; then
	ok "a request in flight at SIGTERM is answered"
else
	not_ok "a request in flight at SIGTERM is answered" "curl got: $(cat "$dir/slow")"
fi
wait "$server"
status=$?
server=""
if [ "$status" = 0 ]; then ok "SIGTERM: exit 0"; else not_ok "SIGTERM: exit 0" "status $status"; fi
if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' "$dir/stderr"; then
	not_ok "no sanitizer report" "$(grep -A20 -E 'Sanitizer|runtime error' "$dir/stderr")"
else
	ok "no sanitizer report"
fi
if curl -s -o /dev/null "$base/healthz"; then
	not_ok "nothing listens after the stop"
else
	ok "nothing listens after the stop"
fi

# Every view of an applicant's personal data is in the audit log (403-roles:
# the handler, the reviewer and the admin), and the chain is intact.
views=$(sqlite3 "$dir/demo.db" "SELECT count(*) FROM audit_log WHERE action = 'personal_data.view'")
if [ "${views:-0}" -ge 3 ]; then ok "each view of personal data is audited ($views)"; else not_ok "each view of personal data is audited" "entries: $views"; fi
run audit verify --db "$dir/demo.db"
expect_status 0 "the audit log's chain is intact after the session"
# The ID number submitted through the API is nowhere in clear in the files.
if grep -qa 350102199003071234 "$dir/demo.db" "$dir/demo.db-wal" 2>/dev/null; then
	not_ok "no ID number in clear in the database or its journal"
else
	ok "no ID number in clear in the database or its journal"
fi

# The public channel limits one address (serve --apply-limit): the second
# new application within the hour is refused, a retry of the first is not.
"$GONGKAI" demo --db "$dir/limit.db" --seed 2 --today 2025-06-30 >/dev/null 2>&1
start_server "$dir" "$dir/limit.db" --apply-limit 1 || exit 1
limited=$server
submit() {
	curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
		--data-binary "{\"agency\":\"qu-fgj\",\"idempotency_key\":\"$1\",\"applicant\":{\"type\":\"自然人\",\"name\":\"赵六\",\"id_number\":\"350102199003071234\",\"phone\":\"13800138000\",\"address\":\"福州市\"},\"request\":{\"description\":\"x\"}}" \
		"$base/api/v1/applications"
}
first=$(submit limit-a) second=$(submit limit-b) retry=$(submit limit-a)
if [ "$first $second $retry" = "201 429 200" ]; then ok "one address: the second application within the hour is refused (429), a retry is not"; else not_ok "one address: the second application within the hour is refused (429), a retry is not" "got $first $second $retry"; fi
kill -TERM "$limited"
wait "$limited"
