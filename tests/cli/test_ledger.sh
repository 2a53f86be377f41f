# The ledger: init, agencies, imports (all or nothing), reports counted from
# the ledger with answers written here independently, regions, both layouts,
# round trip through `gongkai check`, freezing, newer-schema refusal.
. "$(dirname "$0")/lib.sh"
fx=tests/fixtures/ledger
dir=$(mktemp -d)
trap 'rm -rf "$dir" "$tmp_out" "$tmp_err"' EXIT
db=$dir/ledger.db
T=--today=2026-11-27

# expect_json FILTER VALUE DESC: jq FILTER over the last stdout equals VALUE.
expect_json() {
	local got
	got=$(printf '%s' "$out" | jq -r "$1" 2>&1)
	if [ "$got" = "$2" ]; then ok "$3"; else not_ok "$3" "$1 = '$got', expected '$2'"; fi
}

# count TABLE: rows in a table, read with the sqlite3 shell, not gongkai.
count() { sqlite3 "$db" "SELECT count(*) FROM $1"; }

# --- init and agencies ---------------------------------------------------------
run init --db "$db"
expect_status 0 "init creates a database"
expect_out "created, schema version" "init says it created the database"
run init --db "$db"
expect_status 0 "init again is harmless"
expect_out "ready, schema version" "init on an existing database says it is ready"
run agency add qu 某某区人民政府 --db "$db"
expect_status 0 "agency add"
run agency add fgj 某某区发展和改革局 --parent qu --credit-code 11350100MB1234567X --db "$db"
expect_status 0 "agency add with a parent"
run agency add czj 某某区财政局 --parent qu --db "$db"
run agency add czj 重复 --db "$db"
expect_status 2 "a duplicate agency code is refused"
expect_err "czj" "the duplicate code is named"
run agency add x 某机关 --parent nosuch --db "$db"
expect_status 2 "an unknown parent is refused"
expect_err "nosuch" "the unknown parent is named"
run agency list --json --db "$db"
expect_json 'length' 3 "agency list has the three agencies"
expect_json '.[] | select(.code=="fgj") | .parent' qu "agency list shows the parent"
run agency subject fgj 综合政务 --db "$db"
expect_status 0 "agency subject adds a subject to the scheme"

# --- imports -------------------------------------------------------------------
run import applications "$fx/applications.csv" --db "$db" $T
expect_status 0 "applications import"
expect_out "7 applications imported" "the import counts its rows"
run import cases "$fx/cases.csv" --db "$db" $T
expect_status 0 "cases import"
run import documents "$fx/documents.csv" --db "$db" $T
expect_status 0 "documents import"
expect_out "4 documents imported" "documents with a multi-line quoted body import"

# Every bad row rejects the whole file and changes nothing.
before=$(count applications)
bad() { # NAME ROW EXPECTED-MESSAGE-PART
	printf 'agency,ref,applicant_type,received,closed,outcome\nfgj,OK1,自然人,2022-01-04,2022-01-10,予以公开\n%s\n' "$2" >"$dir/bad.csv"
	run import applications "$dir/bad.csv" --db "$db" $T
	expect_status 2 "bad import ($1) is refused"
	expect_err "$3" "bad import ($1) says where and what"
	if [ "$(count applications)" = "$before" ]; then ok "bad import ($1) stores nothing"; else not_ok "bad import ($1) stores nothing" "applications: $(count applications), before: $before"; fi
}
bad "unknown agency" "nosuch,X1,自然人,2022-01-04,," "bad.csv:3: column agency: unknown agency 'nosuch'"
bad "unknown outcome" "fgj,X1,自然人,2022-01-04,2022-01-05,大概公开" "bad.csv:3: column outcome: '大概公开' is not an outcome"
bad "closed before received" "fgj,X1,自然人,2022-01-04,2022-01-03,予以公开" "bad.csv:3: column closed: 2022-01-03 is before received 2022-01-04"
bad "duplicate ref" "fgj,A1,自然人,2022-01-04,," "bad.csv:3: column ref:"
bad "duplicate in file" "fgj,OK1,自然人,2022-01-04,," "bad.csv:3: column ref:"
bad "bad date" "fgj,X1,自然人,2022-02-30,," "bad.csv:3: column received: '2022-02-30' is not a date"
bad "future date" "fgj,X1,自然人,2027-01-04,," "column received: 2027-01-04 is after today"
bad "column count" "fgj,X1,自然人,2022-01-04" "bad.csv:3: 4 fields where the header has 6"
bad "applicant type" "fgj,X1,法人,2022-01-04,," "column applicant_type: '法人' is not an applicant type"
bad "outcome while open" "fgj,X1,自然人,2022-01-04,,予以公开" "column outcome: set while closed is empty"
printf 'agency,ref,applicant_type,received,closed,outcome\nfgj,X1,\377\376,2022-01-04,,\n' >"$dir/bad.csv"
run import applications "$dir/bad.csv" --db "$db" $T
expect_status 2 "invalid UTF-8 is refused"
expect_err "bad.csv: line 2, column 3: invalid UTF-8" "invalid UTF-8 is located"
printf 'agency,ref,received\nfgj,X1,2022-01-04\n' >"$dir/bad.csv"
run import applications "$dir/bad.csv" --db "$db" $T
expect_status 2 "a header without required columns is refused"
expect_err "the header lacks column applicant_type" "the missing column is named"
printf '机关代码,申请编号,申请人类型,收到日期,办结日期,办理结果,备注\nczj,B9,自然人,2022-03-01,2022-03-02,1.本机关不掌握相关政府信息,x\n' >"$dir/zh.csv"
run import applications "$dir/zh.csv" --db "$db" $T
expect_status 0 "Chinese headers are accepted"
expect_err "columns not read: 备注" "an unknown extra column is reported"

# --- reports: answers counted by hand from tests/fixtures/ledger --------------
# The checker's JSON: a row of 三 is [自然人, 商业企业, 科研机构, 社会公益组织,
# 法律服务机构, 其他, 总计]; a row of 四 is [维持, 纠正, 其他, 尚未审结, 总计].
report() { run report --db "$db" --format json "$@"; }

report --agency fgj --year 2020
expect_status 0 "report 2020"
expect_json .layout 2019 "2020 uses the 2019 layout"
expect_json .requests.rows.A[0] 2 "2020 A 自然人: A1, A4"
expect_json .requests.rows.A[1] 1 "2020 A 商业企业: A2"
expect_json .requests.rows.C1[0] 1 "2020 予以公开: A1"
expect_json .requests.rows.C6[0] 1 "2020 其他处理 takes C6.1 (A4)"
expect_json .requests.rows.C7[6] 2 "2020 总计 closed: 2"
expect_json .requests.rows.D[1] 1 "2020 D: A2 carried over"
expect_json .requests.rows.B[6] 0 "2020 B: nothing before"
expect_json .appeals.review[0] 1 "2020 复议 维持: F1"
expect_json .appeals.lawsuit[3] 1 "2020 诉讼 尚未审结: F2"
expect_json .disclosure.rows.normative.made 1 "2019 layout 规范性文件 本年新制作"
expect_json .disclosure.rows.normative.total_public 1 "2019 layout 对外公开总数量"

report --agency fgj --year 2021
expect_json .layout 2021 "2021 uses the 2021 layout"
expect_json .requests.rows.B[1] 1 "2021 B = 2020 D (A2)"
expect_json .requests.rows.C2[1] 1 "2021 部分公开: A2"
expect_json '.requests.rows["C6.3"][0]' 1 "legacy C6 counts as C6.3 in 2021 (A3)"
expect_json .requests.rows.A[6] 2 "2021 A: A3, A5"
expect_json .requests.rows.D[4] 1 "2021 D: A5 still open"
expect_json .requests.rows.C7[6] 2 "2021 closed: A2, A3"
expect_json .appeals.lawsuit[3] 1 "F2 still pending in its second year"
expect_json .appeals.lawsuit[2] 0 "the co-defendant case F4 is not counted"
expect_json .appeals.lawsuit[4] 1 "诉讼 总计 2021: F2 only"
expect_json .appeals.lawsuit_after_review[3] 1 "复议后诉讼 pending: F3"
expect_json .disclosure.rows.normative.issued 1 "2021 行政规范性文件 本年制发"
expect_json .disclosure.rows.normative.repealed 1 "2021 本年废止: the 2020 one"
expect_json .disclosure.rows.normative.in_force 1 "2021 现行有效"
expect_json '[.findings[] | select(.severity=="error")] | length' 0 "a compiled report has no errors"

report --agency fgj --year 2022
expect_json .requests.rows.B[4] 1 "2022 B: A5 open over the year end"
expect_json .requests.rows.D[4] 1 "2022 D: A5 still open"
expect_json .appeals.lawsuit[1] 1 "F2 decided in 2022: 纠正"
expect_json .appeals.lawsuit_after_review[3] 1 "F3 pending over two year ends"

report --agency qu --year 2021 --region
expect_json .requests.rows.A[6] 4 "region 2021 A: A3, A5, B1, B2"
expect_json '.requests.rows["C4.1"][0]' 1 "region 本机关不掌握: B1"
expect_json '.requests.rows["C5.2"][5]' 1 "region 重复申请: B2"
expect_json .requests.rows.C7[6] 4 "region closed: A2, A3, B1, B2"
report --agency qu --year 2021
expect_json .requests.rows.A[6] 0 "without --region the district has its own ledger only"

report --agency fgj --from 2021-01-01 --to 2021-03-31
expect_status 0 "a quarter"
expect_json .requests.rows.B[1] 1 "Q1 2021 B: A2"
expect_json .requests.rows.C2[1] 1 "Q1 2021 部分公开: A2"
expect_json .requests.rows.D[6] 0 "Q1 2021 D: nothing open on 31 March"

# --- figures, text, round trip through the checker -------------------------------
for f in "licensing decisions 12" "penalty decisions 30" "enforcement decisions 2" "fees fee_amount 1.50"; do
	set -- $f
	run figure set --db "$db" --agency fgj --year 2021 --row "$1" --column "$2" --value "$3" --source 业务系统导出
done
expect_status 0 "figure set"
run figure set --db "$db" --agency fgj --year 2021 --row licensing --column decisions --value 1.5
expect_status 2 "a decimal is refused for a count"
run figure set --db "$db" --agency fgj --year 2021 --row procurement --column items --value 1
expect_status 2 "a 2019-only row is refused for 2021"
report --agency fgj --year 2021
expect_json .disclosure.rows.fees.fee_amount 1.5 "the entered fee amount is in the report"
expect_json '.findings | length' 0 "with every figure entered the report has no findings"
expect_json '.sections.overview | test("本年度新收政府信息公开申请2件")' true "the draft of 一 states the year's figures"
expect_json '.sections.other' "本年度未收取信息处理费。" "the draft of 六 states that no fee was charged"
printf '本年度存在的问题：网站栏目更新不够及时。\n\n改进措施：建立周更新制度。\n' >"$dir/five.txt"
run report text --db "$db" --agency fgj --year 2021 --section 5 --file "$dir/five.txt"
expect_status 0 "report text saves section 五"
for fmt in md html xlsx json; do
	run report --db "$db" --agency fgj --year 2021 --format $fmt -o "$dir/fgj-2021.$fmt"
	expect_status 0 "report written as $fmt"
	run check "$dir/fgj-2021.$fmt"
	expect_status 0 "gongkai check reads the $fmt report"
	expect_out "year 2021, layout 2021, 0 errors, 0 warnings" "the $fmt report has no findings"
done
grep -q "网站栏目更新不够及时" "$dir/fgj-2021.md"
if [ $? = 0 ]; then ok "the edited section 五 is in the report"; else not_ok "the edited section 五 is in the report"; fi
run report --db "$db" --agency fgj --year 2020 --format md -o "$dir/fgj-2020.md"
run check "$dir/fgj-2020.md"
expect_out "year 2020, layout 2019" "a 2019-layout report reads back"
expect_out "0 errors" "the 2019-layout report has no errors"

# --- freezing -------------------------------------------------------------------
run report publish --db "$db" --agency fgj --year 2021 --by 张三 --date 2022-01-20
expect_status 0 "publish freezes the report"
run report publish --db "$db" --agency fgj --year 2021 --by 张三
expect_status 2 "a published report cannot be published again"
printf 'agency,ref,applicant_type,received,closed,outcome\nfgj,L1,自然人,2021-06-01,2021-06-05,予以公开\n' >"$dir/late.csv"
run import applications "$dir/late.csv" --db "$db" $T
report --agency fgj --year 2021
expect_json .requests.rows.A[6] 2 "the frozen report does not change with the ledger"
expect_err "frozen 2022-01-20 by 张三" "the frozen report says when and by whom"
report --agency fgj --year 2021 --live
expect_json .requests.rows.A[6] 3 "--live counts the ledger as it is now"

# --- the database file -----------------------------------------------------------
sqlite3 "$db" "PRAGMA user_version = 999"
run report --db "$db" --agency fgj --year 2021 --format json
expect_status 2 "a database from a newer gongkai is refused"
expect_err "999" "the refusal names the database's schema version"
run report --db "$dir/none.db" --agency fgj --year 2021 --format json
expect_status 2 "a missing database is refused"
expect_err "gongkai init" "the refusal says how to create one"
if [ ! -e "$dir/none.db" ]; then ok "a missing database is not created by report"; else not_ok "a missing database is not created by report"; fi

# --- kill -9 in the middle of an import leaves the database as it was ---------------
db=$dir/crash.db
run init --db "$db"
run agency add fgj 某某区发展和改革局 --db "$db"
{
	echo "agency,ref,applicant_type,received,closed,outcome"
	seq 1 400000 | awk '{printf "fgj,K%d,自然人,2022-01-04,2022-01-10,予以公开\n", $1}'
} >"$dir/big.csv"
"$GONGKAI" import applications "$dir/big.csv" --db "$db" $T >/dev/null 2>&1 &
pid=$!
# Wait until the import has written into the journal, then kill it hard.
for _ in $(seq 1 400); do
	[ "$(stat -c %s "$db-wal" 2>/dev/null || echo 0)" -gt 4000000 ] && break
	sleep 0.05
done
if kill -9 "$pid" 2>/dev/null; then
	wait "$pid" 2>/dev/null
	if [ "$(count applications)" = 0 ] && [ "$(count events)" = 0 ]; then ok "a killed import stored nothing"; else not_ok "a killed import stored nothing" "applications: $(count applications)"; fi
	expect_integrity=$(sqlite3 "$db" "PRAGMA integrity_check")
	if [ "$expect_integrity" = ok ]; then ok "the database is intact after the kill"; else not_ok "the database is intact after the kill" "$expect_integrity"; fi
	run import applications "$fx/applications.csv" --db "$db" $T
	expect_err "unknown agency 'czj'" "the database still works after the kill"
else
	wait "$pid"
	skip_test "the import finished before it could be killed; nothing to check"
fi
