# The back office feeds the ledger: cases worked through
# /api/v1/office/applications change the annual report's table 三 exactly
# as they should (received A, outcomes C, carried over D), the applicant's
# public status shows none of the agency's internal steps, and two
# handlers acting on one case at once cannot both win.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/cli/lib.sh"

for tool in curl jq; do
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

"$GONGKAI" demo --db "$dir/demo.db" --seed 7 --today 2025-06-30 >/dev/null 2>&1 ||
	not_ok "gongkai demo made the database"
for u in "h1 qu-fgj handler" "h2 qu-fgj handler" "r1 qu-fgj reviewer"; do
	set -- $u
	printf 'Gongkai-test-2026\n' | "$GONGKAI" user add "$1" --agency "$2" --role "$3" \
		--db "$dir/demo.db" >/dev/null 2>&1 || not_ok "user $1 added"
done
start_server "$dir" "$dir/demo.db" --today 2025-06-30 || exit 1

# The natural-person column (index 0) of a row of table 三, first half of 2025.
count() {
	"$GONGKAI" report --db "$dir/demo.db" --agency qu-fgj --from 2025-01-01 --to 2025-06-30 \
		--format json 2>/dev/null | jq ".requests.rows[\"$1\"][0]"
}

# login USER: sets $cookie and $csrf.
login() {
	local h
	h=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
		-d "{\"username\":\"$1\",\"password\":\"Gongkai-test-2026\"}" "$base/api/v1/session" | tr -d '\r')
	cookie=$(printf '%s\n' "$h" | sed -n 's/^Set-Cookie: \(gk_session=[^;]*\).*/\1/p')
	csrf=$(printf '%s\n' "$h" | sed -n 's/^X-CSRF-Token: //p')
}

# post PATH JSON: the response body in $dir/out, the status in $status.
post() {
	status=$(curl -s -o "$dir/out" -w '%{http_code}' -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" \
		-H 'Content-Type: application/json' -d "$2" "$base$1")
}

register() {
	post /api/v1/office/applications "{\"agency\":\"qu-fgj\",\"channel\":\"当面\",\"received\":\"$1\",
		\"applicant\":{\"type\":\"自然人\",\"name\":\"测试人\",\"id_type\":\"居民身份证\",
		\"id_number\":\"350102199003071234\",\"phone\":\"13800138000\",\"address\":\"某路1号\"},
		\"request\":{\"description\":\"请公开某文件\"}}"
	id=$(jq -r .id "$dir/out")
	code=$(jq -r .tracking_code "$dir/out")
}

step() { # CASE-ID JSON [EXPECTED-STATUS]
	post "/api/v1/office/applications/$1/events" "$2"
	[ "$status" = "${3:-200}" ] || not_ok "step $2 on case $1: status $status" "$(cat "$dir/out")"
}

a0=$(count A) c1=$(count C1) c62=$(count C6.2) d0=$(count D)

login h1
register 2025-06-03
answered=$id answered_code=$code
step "$answered" '{"type":"answer_drafted","date":"2025-06-20","outcome":"C1"}'
login r1
step "$answered" '{"type":"answer_approved","date":"2025-06-23"}'
login h1
step "$answered" '{"type":"answered","date":"2025-06-24"}'
step "$answered" '{"type":"closed","date":"2025-06-25"}'

register 2025-05-19
lapsed=$id
step "$lapsed" '{"type":"fee_notice","date":"2025-05-20","amount_yuan":200}'
step "$lapsed" '{"type":"fee_lapsed","date":"2025-06-19"}'
step "$lapsed" '{"type":"closed","date":"2025-06-20"}'

register 2025-06-16
open=$id open_code=$code

if [ "$(count A)" = $((a0 + 3)) ]; then ok "three registered applications count in A"; else
	not_ok "three registered applications count in A" "before $a0, after $(count A)"; fi
if [ "$(count C1)" = $((c1 + 1)) ]; then ok "the answered one counts in C1 (予以公开)"; else
	not_ok "the answered one counts in C1" "before $c1, after $(count C1)"; fi
if [ "$(count C6.2)" = $((c62 + 1)) ]; then ok "the fee lapse counts in C6.2 (逾期未缴费)"; else
	not_ok "the fee lapse counts in C6.2" "before $c62, after $(count C6.2)"; fi
if [ "$(count D)" = $((d0 + 1)) ]; then ok "the open one is carried over (D)"; else
	not_ok "the open one is carried over (D)" "before $d0, after $(count D)"; fi
findings=$("$GONGKAI" report --db "$dir/demo.db" --agency qu-fgj --from 2025-01-01 --to 2025-06-30 \
	--format json 2>/dev/null | jq '[.findings[] | select(.severity == "error")] | length')
if [ "$findings" = 0 ]; then ok "the report still adds up (no error finding)"; else
	not_ok "the report still adds up" "$findings errors"; fi

# The applicant's public view: the answer, not the draft or the review.
curl -s "$base/api/v1/applications/$answered_code" >"$dir/public"
if jq -e '[.events[].type] == ["received","answered","closed"]' "$dir/public" >/dev/null; then
	ok "the public status lists received, answered, closed only"
else
	not_ok "the public status lists received, answered, closed only" "$(cat "$dir/public")"
fi

# The answer's letter as the server prints it: a PDF whose Chinese text
# pdftotext reads back.
login h1
curl -s -o "$dir/answer.pdf" -H "Cookie: $cookie" \
	"$base/api/v1/office/applications/$answered/letters/answer_disclose?format=pdf"
if ! command -v pdftotext >/dev/null; then
	skip_test "pdftotext is not installed (scripts/bootstrap installs poppler-utils)"
elif pdftotext -enc UTF-8 "$dir/answer.pdf" - 2>/dev/null | tr -d ' \n' >"$dir/answer.txt" &&
	grep -q '政府信息公开申请答复书' "$dir/answer.txt" && grep -q '明湖区发展和改革局' "$dir/answer.txt" &&
	grep -q '行政复议' "$dir/answer.txt"; then
	ok "the 答复书 PDF reads back with its title, agency and remedy"
else
	not_ok "the 答复书 PDF reads back with its title, agency and remedy" "$(head -c 400 "$dir/answer.txt")"
fi

# The applicant reads the answer again from /track: the letters sent to
# the applicant are listed with the status and shown as sent; a 征求意见书
# (sent to a third party) is not.
post "/api/v1/office/applications/$answered/letters/answer_disclose" ''
number=$(jq -r .doc_number "$dir/out")
curl -s "$base/api/v1/applications/$answered_code" >"$dir/public"
url=$(jq -r '.letters[0].url' "$dir/public")
if [ "$(jq -r '.letters | length' "$dir/public")" = 1 ] &&
	curl -s "$base$url" | grep -q "$number" && curl -s "$base$url" | grep -q '政府信息公开申请答复书'; then
	ok "the issued 答复书 is listed on the public status and shown as sent ($number)"
else
	not_ok "the issued 答复书 is listed on the public status and shown as sent" "$(cat "$dir/public")"
fi
if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/track/$open_code/letters/${url##*/}")" = 404 ]; then
	ok "a letter of another application is not shown under this 查询号"
else
	not_ok "a letter of another application is not shown under this 查询号"
fi

# Two handlers on one case at the same moment, both having seen version 2:
# exactly one step is stored.
login h1
c1_cookie=$cookie c1_csrf=$csrf
login h2
racers=""
for who in 1 2; do
	if [ $who = 1 ]; then ck=$c1_cookie cs=$c1_csrf; else ck=$cookie cs=$csrf; fi
	curl -s -o "$dir/race$who" -w '%{http_code}' -H "Cookie: $ck" -H "X-CSRF-Token: $cs" \
		-H 'Content-Type: application/json' \
		-d '{"type":"consultation_opened","date":"2025-06-18","party":"third_party","version":2}' \
		"$base/api/v1/office/applications/$open/events" >"$dir/status$who" &
	racers="$racers $!"
done
wait $racers
statuses=$(printf '%s\n' "$(cat "$dir/status1")" "$(cat "$dir/status2")" | sort | tr '\n' ' ')
events=$(sqlite3 "$dir/demo.db" "SELECT count(*) FROM events WHERE application_id = $open AND kind = 3")
if [ "$statuses" = "200 409 " ] && [ "$events" = 1 ]; then
	ok "two handlers at once: one 200, one 409, one consultation stored"
else
	not_ok "two handlers at once: one 200, one 409, one consultation stored" \
		"statuses: $statuses; consultations stored: $events"
fi

# The 征求意见书 of the open case goes to the third party, not the applicant.
post "/api/v1/office/applications/$open/letters/consult_third_party" ''
if [ "$status" = 201 ] &&
	[ "$(curl -s "$base/api/v1/applications/$open_code" | jq '.letters | length')" = 0 ]; then
	ok "a 征求意见书 is issued but not shown to the applicant"
else
	not_ok "a 征求意见书 is issued but not shown to the applicant" "status $status: $(cat "$dir/out")"
fi

# The inbox's cached state agrees with a fresh replay of the log.
stage=$(sqlite3 "$dir/demo.db" "SELECT stage || ' ' || paused FROM applications WHERE id = $open")
if [ "$stage" = "2 1" ]; then ok "the inbox's cached stage is 征求意见中, paused"; else
	not_ok "the inbox's cached stage is 征求意见中, paused" "stage paused: $stage"; fi

kill -TERM "$server"
wait "$server" 2>/dev/null
server=""
if grep -qE 'Sanitizer|runtime error' "$dir/serve.stderr"; then
	not_ok "no sanitizer report" "$(grep -A20 -E 'Sanitizer|runtime error' "$dir/serve.stderr")"
else
	ok "no sanitizer report"
fi
