# Supervision end to end: tests/http/540-supervision.http against a real
# server on a fresh demo database, then what the annual report makes of it
# (条例第五十条, table 四): the appeal recorded and closed there is counted
# by `gongkai report` for qu-fgj's 2025 report as one 行政复议 结果纠正; the
# audit log holds each change.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/cli/lib.sh"

if ! command -v curl >/dev/null || ! command -v python3 >/dev/null; then
	skip_test "curl or python3 is not installed (scripts/bootstrap installs them)"
	exit 0
fi

dir=$(mktemp -d)
server=""
cleanup() {
	[ -n "$server" ] && kill -KILL "$server" 2>/dev/null
	rm -rf "$dir" "$tmp_out" "$tmp_err"
}
trap cleanup EXIT

"$GONGKAI" demo --db "$dir/demo.db" --seed 1 --today 2025-06-30 >/dev/null 2>&1 ||
	not_ok "gongkai demo made the database"
for u in "t_handler qu-fgj handler" "t_agency_admin qu-fgj agency_admin" \
	"t_supervisor qu-zf supervisor" "t_other_handler qu-czj handler"; do
	set -- $u
	printf 'Gongkai-test-2026\n' | "$GONGKAI" user add "$1" --agency "$2" --role "$3" \
		--db "$dir/demo.db" >/dev/null 2>&1 || not_ok "user $1 added"
done

# Table 四 of qu-fgj's 2025 report as the report's JSON gives it:
# {"review": [维持, 纠正, 其他, 尚未审结, 总计], "lawsuit": […], …}.
table4() {
	"$GONGKAI" report --db "$dir/demo.db" --agency qu-fgj --year 2025 --format json \
		-o "$dir/report.json" >/dev/null 2>&1 || return 1
	python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))["appeals"], sort_keys=True))' \
		"$dir/report.json"
}

before=$(table4) || not_ok "gongkai report compiled qu-fgj's 2025 report before"
start_server "$dir" "$dir/demo.db" || exit 1

while IFS= read -r line; do
	case "$line" in
	"ok "*) ok "${line#ok * - }" ;;
	"not ok "*) not_ok "${line#not ok * - }" ;;
	*) echo "$line" ;;
	esac
done < <(bash "$top/tests/http/run" "$base" "$top/tests/http/540-supervision.http")

kill -TERM "$server"
wait "$server"
server=""

after=$(table4) || not_ok "gongkai report compiled qu-fgj's 2025 report after"
# What changed, cell by cell: one more 复议 结果纠正, and the total with it.
diff=$(python3 - "$before" "$after" <<'PY'
import json, sys
b, a = (json.loads(x) for x in sys.argv[1:3])
print(" ".join("%s/%d%+d" % (k, i, a[k][i] - b[k][i])
               for k in sorted(a) for i in range(len(a[k])) if a[k][i] != b[k][i]))
PY
)
if [ "$diff" = "review/1+1 review/4+1" ]; then
	ok "the appeal closed as 纠正 counts once in qu-fgj's 2025 table 四 (gongkai report)"
else
	not_ok "the appeal closed as 纠正 counts once in qu-fgj's 2025 table 四 (gongkai report)" \
		"changed: '$diff'" "before: $before" "after: $after"
fi

n=$(sqlite3 "$dir/demo.db" "SELECT count(*) FROM audit_log WHERE action IN ('complaint.register',
	'complaint.answer', 'rectification.issue', 'rectification.reply', 'appeal.record',
	'appeal.close')")
if [ "$n" = 6 ]; then ok "each of the six changes is in the audit log"; else not_ok "each of the six changes is in the audit log" "entries: $n"; fi
run audit verify --db "$dir/demo.db"
expect_status 0 "the audit log's chain is intact"
if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' "$dir/serve.stderr"; then
	not_ok "no sanitizer report" "$(grep -A20 -E 'Sanitizer|runtime error' "$dir/serve.stderr")"
else
	ok "no sanitizer report"
fi
