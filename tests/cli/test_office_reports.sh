# The back office's annual report published end to end, and the dashboard's
# numbers against the database itself.
#
# Its own server and database: the demo runs to 2025-06-30 and publishes
# every year before 2025, so the shared server of tests/http (which runs on
# the demo's day) has no finished year left to publish. This one serves the
# same demo on 2026-02-10: 2025 is over, its reports are due (31 January for
# a department, 31 March for the region, 条例第四十九条) and unpublished.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/cli/lib.sh"

for tool in curl sqlite3 jq; do
	if ! command -v "$tool" >/dev/null; then
		skip_test "$tool is not installed (scripts/bootstrap installs it)"
		exit 0
	fi
done

dir=$(mktemp -d)
server=""
cleanup() {
	[ -n "$server" ] && kill -KILL "$server" 2>/dev/null
	rm -rf "$dir" "$tmp_out" "$tmp_err"
}
trap cleanup EXIT

db=$dir/demo.db
"$GONGKAI" demo --db "$db" --seed 1 --today 2025-06-30 >/dev/null 2>&1 ||
	not_ok "gongkai demo made the database"
for u in "t_supervisor qu-zf supervisor" "t_agency_admin qu-fgj agency_admin" "t_handler qu-fgj handler"; do
	set -- $u
	printf 'Gongkai-test-2026\n' | "$GONGKAI" user add "$1" --agency "$2" --role "$3" \
		--db "$db" >/dev/null 2>&1 || not_ok "user $1 added"
done
start_server "$dir" "$db" --threads 2 --today 2026-02-10 || exit 1
ok "the server started on $base, its day 2026-02-10"

# The scenarios, in the format of tests/http, renumbered into this script's lines.
while IFS= read -r line; do
	case "$line" in
	"ok "*) ok "${line#ok * - }" ;;
	"not ok "*) not_ok "${line#not ok * - }" ;;
	*) echo "$line" ;;
	esac
done < <(bash "$top/tests/http/run" "$base" "$top/tests/cli/office_reports/publish.http" \
	"$top/tests/cli/office_reports/api-publish.http")

# What the publication left in the database: the frozen snapshot with who
# and when, and every change in the audit log.
q() { sqlite3 "$db" "$1"; }
got=$(q "SELECT r.published_by || ' ' || r.published_on FROM reports r JOIN agencies a ON a.id = r.agency_id
	WHERE a.code = 'qu-zf' AND r.region = 1 AND r.date_from = '2025-01-01'")
if [ "$got" = "t_supervisor 2026-02-10" ]; then ok "the region's 2025 report is frozen, by t_supervisor on 2026-02-10"; else not_ok "the region's 2025 report is frozen, by t_supervisor on 2026-02-10" "got '$got'"; fi
got=$(q "SELECT group_concat(action || '=' || n, ' ') FROM (SELECT action, count(*) n FROM audit_log
	WHERE action LIKE 'report.%' GROUP BY action ORDER BY action)")
if [ "$got" = "report.figure=8 report.publish=2 report.text=2" ]; then ok "every change is audited: $got"; else not_ok "every change is audited" "got '$got'"; fi
run audit verify --db "$db"
expect_status 0 "the audit log's chain is intact"

# --- The dashboard's numbers, counted again with sqlite3 --------------------
curl -s -o /dev/null -D "$dir/h" -H 'Content-Type: application/json' \
	--data-binary '{"username":"t_supervisor","password":"Gongkai-test-2026"}' "$base/api/v1/session"
cookie=$(sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' "$dir/h" | tr -d '\r')
api() { curl -s -H "Cookie: $cookie" "$base$1"; }
api "/api/v1/office/dashboard?year=2024" >"$dir/dash.json"

# Every agency of the demo is in the district's region (qu-zf).
from=2024-01-01 to=2024-12-31
expect_json() { # DESC JQ-FILTER EXPECTED
	local got
	got=$(jq -c "$2" "$dir/dash.json")
	if [ "$got" = "$3" ]; then ok "$1 ($got)"; else not_ok "$1" "dashboard: $got" "sqlite3: $3"; fi
}
months=$(q "WITH RECURSIVE m(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM m WHERE n < 12)
	SELECT '[' || group_concat(c, ',') || ']' FROM (SELECT (SELECT count(*) FROM applications
	WHERE received BETWEEN '$from' AND '$to' AND CAST(substr(received, 6, 2) AS INTEGER) = m.n) c
	FROM m ORDER BY m.n)")
expect_json "applications received per month = sqlite3" .received_by_month "$months"
totals=$(q "SELECT '[' || (SELECT count(*) FROM applications WHERE received BETWEEN '$from' AND '$to')
	|| ',' || (SELECT count(*) FROM applications WHERE received < '$from' AND (closed IS NULL OR closed >= '$from'))
	|| ',' || (SELECT count(*) FROM applications WHERE closed BETWEEN '$from' AND '$to')
	|| ',' || (SELECT count(*) FROM applications WHERE received <= '$to' AND (closed IS NULL OR closed > '$to'))
	|| ']'")
expect_json "received, carried in, closed, carried out = sqlite3" \
	'[.total.received, .total.carried_in, .total.closed, .total.carried_out]' "$totals"
# The groups of table 三 by outcome number (law/outcome.h): C1 0, C2 1,
# C3.x 2-9, C4.x 10-12, C5.x 13-17; closed without an answer counts as 其他.
groups=$(q "SELECT '[' || group_concat(n, ',') || ']' FROM (SELECT g, count(a.id) n FROM
	(SELECT 0 g UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) k
	LEFT JOIN applications a ON a.closed BETWEEN '$from' AND '$to' AND k.g = CASE
	WHEN a.outcome = 0 THEN 0 WHEN a.outcome = 1 THEN 1 WHEN a.outcome BETWEEN 2 AND 9 THEN 2
	WHEN a.outcome BETWEEN 10 AND 12 THEN 3 WHEN a.outcome BETWEEN 13 AND 17 THEN 4 ELSE 5 END
	GROUP BY g ORDER BY g)")
expect_json "results by group of table 三 = sqlite3" \
	'[.total.outcomes.disclosed, .total.outcomes.partly, .total.outcomes.withheld, .total.outcomes.unable, .total.outcomes.not_handled, .total.outcomes.other]' \
	"$groups"
answered=$(q "SELECT count(DISTINCT e.application_id) FROM events e JOIN applications a ON a.id = e.application_id
	WHERE e.kind = 8 AND e.date BETWEEN '$from' AND '$to'")
expect_json "applications answered in the year = sqlite3" .total.answered "$answered"
czj=$(q "SELECT '[' || count(*) || ']' FROM applications a JOIN agencies g ON g.id = a.agency_id
	WHERE g.code = 'qu-czj' AND a.received BETWEEN '$from' AND '$to'")
expect_json "one agency's row (明湖区财政局) = sqlite3" '[.agencies[] | select(.agency == "qu-czj") | .received]' "$czj"
sum=$(jq '[.agencies[].received] | add' "$dir/dash.json")
expect_json "the agencies' rows add up to the region" .total.received "$sum"
rate=$(jq '.total.answered_on_time <= .total.answered and .total.on_time_rate > 0 and .total.median_working_days >= 0' "$dir/dash.json")
if [ "$rate" = true ]; then ok "on-time rate and median are there and sane"; else not_ok "on-time rate and median are there and sane" "$(jq -c .total "$dir/dash.json")"; fi

# The exports: CSV in UTF-8 with a BOM and CRLF, the same numbers; XLSX a zip.
curl -s -H "Cookie: $cookie" -o "$dir/months.csv" "$base/office/dashboard?year=2024&table=months&format=csv"
bom=$(head -c 3 "$dir/months.csv" | od -An -tx1 | tr -d ' \n')
if [ "$bom" = efbbbf ]; then ok "the CSV starts with the UTF-8 BOM"; else not_ok "the CSV starts with the UTF-8 BOM" "first bytes: $bom"; fi
if [ "$(grep -c $'\r$' "$dir/months.csv")" = 13 ]; then ok "the CSV has 13 records ended by CRLF"; else not_ok "the CSV has 13 records ended by CRLF" "$(od -c "$dir/months.csv" | head -3)"; fi
csv=$(tail -n +2 "$dir/months.csv" | cut -d, -f2 | tr -d '\r' | paste -sd, | sed 's/.*/[&]/')
if [ "$csv" = "$months" ]; then ok "the CSV holds the same numbers"; else not_ok "the CSV holds the same numbers" "csv $csv" "sqlite3 $months"; fi
curl -s -H "Cookie: $cookie" -o "$dir/agencies.xlsx" "$base/office/dashboard?year=2024&table=agencies&format=xlsx"
if [ "$(head -c 2 "$dir/agencies.xlsx")" = PK ]; then
	ok "the XLSX is a zip (PK)"
else
	not_ok "the XLSX is a zip (PK)" "$(head -c 64 "$dir/agencies.xlsx" | od -c | head -2)"
fi
if ! command -v unzip >/dev/null; then
	skip_test "unzip is not installed: the workbook's contents are not read"
elif unzip -p "$dir/agencies.xlsx" xl/sharedStrings.xml | grep -q 明湖区财政局; then
	ok "the XLSX holds the agencies"
else
	not_ok "the XLSX holds the agencies" "$(unzip -l "$dir/agencies.xlsx")"
fi

kill -TERM "$server"
wait "$server"
status=$?
server=""
if [ "$status" = 0 ]; then ok "the server stopped: exit 0"; else not_ok "the server stopped: exit 0" "status $status"; fi
if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' "$dir/serve.stderr"; then
	not_ok "no sanitizer report" "$(grep -A20 -E 'Sanitizer|runtime error' "$dir/serve.stderr")"
else
	ok "no sanitizer report"
fi
