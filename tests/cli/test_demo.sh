# gongkai demo: the small region with a fixed --seed and --today, looked at
# with the sqlite3 shell (not gongkai); same seed twice gives the same rows;
# a database that holds agencies is refused. The large region is too slow
# for `make test` (see bench/ for its record).
. "$(dirname "$0")/lib.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir" "$tmp_out" "$tmp_err"' EXIT
db=$dir/demo.db
TODAY=2025-06-30

# q SQL: one value from the demo database.
q() { sqlite3 "$db" "$1"; }

# expect_min SQL MIN DESC: the value of SQL is at least MIN.
expect_min() {
	local got
	got=$(q "$1")
	if [ "${got:-0}" -ge "$2" ] 2>/dev/null; then ok "$3"; else not_ok "$3" "$1 = '$got', expected at least $2"; fi
}

# dump FILE: every row of FILE except the users, whose password hashes are
# salted at random by design.
dump() { sqlite3 "$1" .dump | grep -v '^INSERT INTO users'; }

# --- usage -------------------------------------------------------------------
run demo --help
expect_status 0 "--help succeeds"
expect_out "usage: gongkai demo --db FILE" "--help prints the usage"
run help
expect_out "demo " "gongkai help lists demo"
run demo --seed 3
expect_status 2 "no --db is a usage error"
expect_err "--db" "the missing option is named"
run demo --db "$dir/x.db" --size medium
expect_status 2 "an unknown size is a usage error"
expect_err "--size: 'medium'" "the bad size is quoted"
run demo --db "$dir/x.db" --seed -1
expect_status 2 "a negative seed is a usage error"
run demo --db "$dir/x.db" --today 2018-12-31
expect_status 2 "a today before the data starts is refused"
expect_err "--today: '2018-12-31'" "the refused day is named"
if [ -e "$dir/x.db" ]; then not_ok "refused options create no file"; else ok "refused options create no file"; fi

# --- the small region ---------------------------------------------------------
run demo --db "$db" --seed 42 --today $TODAY
expect_status 0 "demo fills a new database"
expect_line 1 "$(printf '用户名\t角色\t机关\t初始密码')" "the users table comes first"
expect_out "$(printf 'admin\t平台管理员\t明湖区人民政府\t')" "admin is a platform administrator of the district"
expect_out "not reproducible" "the output says the passwords are not reproducible"
expect_out "applications" "the counts are printed"

expect_min "SELECT count(*) FROM agencies" 12 "at least 12 agencies"
expect_min "SELECT count(*) FROM agencies WHERE parent_id IS NULL OR parent_id = 0" 1 "a top agency"
expect_min "SELECT count(*) FROM agencies a JOIN agencies p ON a.parent_id = p.id WHERE p.code = 'qu-zf'" 12 "departments under the district (qu-zf)"
expect_min "SELECT count(*) FROM agencies WHERE length(credit_code) = 18" 12 "18-character credit codes"
expect_min "SELECT count(*) FROM documents" 1000 "at least 1000 documents"
expect_min "SELECT count(DISTINCT status) FROM documents" 4 "drafts, reviewed, published and ended documents"
expect_min "SELECT count(*) FROM documents WHERE kind = 2 AND abolished IS NOT NULL" 1 "some normative documents were abolished or expired"
expect_min "SELECT count(DISTINCT category) FROM documents" 12 "many items of 条例第二十条"
expect_min "SELECT count(*) FROM applications" 200 "at least 200 applications"
expect_min "SELECT count(DISTINCT role) FROM users" 5 "a user for every role"
expect_min "SELECT count(*) FROM applications WHERE closed IS NULL" 1 "some applications are open at today"
expect_min "SELECT count(*) FROM applications WHERE closed IS NULL AND received < date('$TODAY', '-45 days')" 1 "some open applications are overdue"
# Events: 10 = carried_over, 1 = correction_asked, 5 = extension_approved, 3 = consultation_opened.
expect_min "SELECT count(*) FROM events WHERE kind = 10 AND date LIKE '%-12-31'" 1 "some applications were carried over a year end"
expect_min "SELECT count(*) FROM events WHERE kind = 1" 1 "some 补正"
expect_min "SELECT count(*) FROM events WHERE kind = 5" 1 "some extensions"
expect_min "SELECT count(*) FROM events WHERE kind = 3" 1 "some consultations"
expect_min "SELECT count(*) FROM appeals" 1 "appeals exist"
expect_min "SELECT count(*) FROM appeals WHERE co_defendant_only = 1" 1 "one co-defendant-only appeal"
expect_min "SELECT count(*) FROM appeals WHERE filed <= '2023-12-31' AND (closed IS NULL OR closed > (strftime('%Y', filed) + 1) || '-12-31')" 1 "an appeal pending across two year ends"
expect_min "SELECT count(*) FROM complaints" 1 "complaints exist"
expect_min "SELECT count(*) FROM figures WHERE source LIKE '%导出'" 1 "figures of table 二 with their source"
expect_min "SELECT count(*) FROM applications WHERE outcome = 21 AND closed < '2021-01-01'" 1 "legacy 其他处理 (C6) before 2021"
# Consistency of the event log with the cached columns, counted independently.
expect_min "SELECT count(*) = 0 FROM applications a WHERE (a.closed IS NULL) != NOT EXISTS (SELECT 1 FROM events e WHERE e.application_id = a.id AND e.kind = 9)" 1 "closed iff a CLOSED event"
expect_min "SELECT count(*) = 0 FROM applications WHERE closed > '$TODAY' OR received > '$TODAY'" 1 "nothing after today"
expect_min "SELECT count(*) = 0 FROM applications WHERE outcome IN (18, 19, 20) AND closed < '2021-01-01'" 1 "no C6.1-C6.3 before 2021"

# --- same seed, same data -------------------------------------------------------
run demo --db "$dir/again.db" --seed 42 --today $TODAY
expect_status 0 "the same seed again"
if [ "$(dump "$db")" = "$(dump "$dir/again.db")" ]; then
	ok "same seed and today give the same rows (users aside)"
else
	not_ok "same seed and today give the same rows (users aside)" "$(diff <(dump "$db") <(dump "$dir/again.db") | head -5)"
fi
if [ "$(q 'SELECT password_hash FROM users WHERE username = "admin"')" != "$(sqlite3 "$dir/again.db" 'SELECT password_hash FROM users WHERE username = "admin"')" ]; then
	ok "passwords differ between runs"
else
	not_ok "passwords differ between runs"
fi
run demo --db "$dir/other.db" --seed 43 --today $TODAY
if [ "$(dump "$db")" != "$(dump "$dir/other.db")" ]; then ok "another seed gives other rows"; else not_ok "another seed gives other rows"; fi

# --- refusal -----------------------------------------------------------------
before=$(q "SELECT count(*) FROM documents")
run demo --db "$db" --seed 42 --today $TODAY
expect_status 2 "a database with agencies is refused"
expect_err "$db already holds agencies; demo fills only a new database" "the refusal says why"
if [ "$(q 'SELECT count(*) FROM documents')" = "$before" ]; then ok "the refused database is unchanged"; else not_ok "the refused database is unchanged"; fi

# --- every report of the demo ledger passes the checker -------------------------
# Each agency and each complete year: compiled, checked (a failing rule
# would be GK_EINTERNAL), and with every figure of table 二 entered there is
# nothing to warn about either.
for y in 2019 2020 2021 2022 2023 2024; do
	run report --db "$db" --year $y --each
	expect_status 0 "every agency's $y report compiles"
	n=$(printf '%s\n' "$out" | jq -s 'length')
	f=$(printf '%s\n' "$out" | jq -s '[.[].findings[]] | length')
	if [ "$n" -ge 14 ] && [ "$f" = 0 ]; then ok "$n reports of $y, no findings"; else not_ok "$n reports of $y, no findings" "findings: $f"; fi
done
for fmt in md html xlsx; do
	run report --db "$db" --agency qu-zf --region --year 2024 --format $fmt -o "$dir/region.$fmt"
	expect_status 0 "the region's 2024 report as $fmt"
	run check "$dir/region.$fmt"
	expect_out "0 errors, 0 warnings" "gongkai check finds nothing in the region's $fmt report"
done

# --- published reports ----------------------------------------------------------
# Each complete year before --today is published by 31 January (条例第四十九条):
# the district for its region, each department for itself, with section 五 filled.
expect_min "SELECT count(*) FROM reports WHERE region = 1 AND date_from = '2019-01-01'" 1 "the district's 2019 region report is published"
expect_min "SELECT count(*) = 0 FROM reports WHERE published_on > (substr(date_to, 1, 4) + 1) || '-01-31'" 1 "every report is published by 31 January of the next year"
expect_min "SELECT count(*) = 0 FROM reports WHERE snapshot LIKE '%待填写%'" 1 "no published report holds a placeholder"
run report --db "$db" --agency qu-zf --region --year 2023 --format json
expect_err "the published report (frozen" "the region's 2023 report is the frozen one"
