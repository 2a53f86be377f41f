# gongkai check: exit statuses, human and JSON output, readers by content,
# cross-year, on the fixtures in tests/fixtures/reports (invented numbers).
. "$(dirname "$0")/lib.sh"
fx=tests/fixtures/reports

# --- usage -------------------------------------------------------------------
run check
expect_status 2 "no FILE is a usage error"
expect_err "no FILE given" "no FILE names what is missing"
run check --frobnicate "$fx/consistent"
expect_status 2 "an unknown option is a usage error"
expect_err "'--frobnicate' is not an option" "the unknown option is named"
run check --year 20x2 "$fx/consistent"
expect_status 2 "a bad --year is a usage error"
expect_err "--year: '20x2'" "the bad year is quoted"
run check --year 2018 "$fx/consistent"
expect_status 2 "a year before the 2019 format is refused"
run check --help
expect_status 0 "--help succeeds"
expect_out "usage: gongkai check" "--help prints the usage"
run help
expect_out "check " "gongkai help lists check"

# --- consistent reports: exit 0, warnings allowed ------------------------------------------------
run check "$fx/consistent"
expect_status 0 "consistent reports pass"
expect_line 1 "tests/fixtures/reports/consistent/fenghe-2020.txt: year 2020, layout 2019, 0 errors, 0 warnings" "a 2019-layout report (signed 本年增/减) is clean"
expect_out "lanxi-2022.txt: year 2022, layout 2021, 0 errors, 0 warnings" "a 2021-layout report is clean"
expect_out "lanxi-2023.txt: year 2023, layout 2021, 0 errors, 2 warnings" "the next year of the same agency has carry-over warnings"
expect_out "cross_year.carry_over" "B(2023) is compared with D(2022)"
expect_out "表三 二、上年结转政府信息公开申请数量 [B] · 法律服务机构: expected 1, found 0" "the carry-over finding names row, column and both numbers"
expect_out "checked 3 files: 0 with errors, 0 errors, 2 warnings, 0 unreadable" "a closing tally"
run check "$fx/consistent/lanxi-2023.txt"
expect_out "0 errors, 0 warnings" "one year alone has nothing to compare"

# --- errors --------------------------------------------------------------------
run check "$fx/errors/typo-2021.txt"
expect_status 1 "a wrong number is an error"
expect_out "typo-2021.txt: year 2021, layout 2021, 3 errors, 0 warnings" "row, column and shared cell"
expect_out "error: 表三 1.本机关不掌握相关政府信息 [C4.1] · 总计: expected 19, found 9" "the row total"
expect_out "error: 表三 （七）总计 [C7] · 自然人: expected 33, found 23" "the results column"
expect_out "error: 表三 1.本机关不掌握相关政府信息 [C4.1] · 自然人: expected 7, found 17" "the shared cell is named with the value that repairs it"
expect_out "(shared_cell, line " "findings carry the source line"
run check "$fx/errors/appeals-2022.txt"
expect_status 1 "a wrong table 四 total is an error"
expect_out "error: 表四 行政复议 [review] · 总计: expected 2, found 3" "the table 四 finding"

# --- blanks are not zeros -------------------------------------------------------
run check "$fx/blanks/blank-2019.txt"
expect_status 0 "blank cells alone are warnings"
expect_out "warning: 表三 1.属于国家秘密 [C3.1]" "a row of blanks is named"
expect_out "(blank" "under the blank rule"
expect_out "warning: 表三 （一）予以公开 [C1] · 总计: expected at least 5, found 6" "a total reachable only through a blank is a warning"

# --- other kinds and sources ------------------------------------------------------------
run check "$fx/pdf/typo-2021.pdf"
expect_status 1 "a PDF is read through pdftotext"
expect_out "typo-2021.pdf: year 2021, layout 2021, 3 errors" "the PDF gives the same findings as its text"
expect_out "[C4.1] · 自然人: expected 7, found 17" "the PDF's shared cell"
run check "$fx/html/hexi-2024.html"
expect_status 0 "an HTML report is read by content"
expect_out "hexi-2024.html: year 2024, layout 2021, 0 errors, 0 warnings" "the HTML report is clean"
run_stdin "$(cat "$fx/errors/typo-2021.txt")" check -
expect_status 1 "standard input is read with -"
expect_out "-: year 2021, layout 2021, 3 errors" "standard input is named -"
run check --year 2019 "$fx/consistent/lanxi-2022.txt"
expect_out "year 2019, layout 2019" "--year decides year and layout"
expect_out "按 --year 2019 核对" "a different printed year is noted"

# --- unreadable files: exit 2, the others still checked ------------------------------------
run check "$fx/not-a-report.txt" "$fx/errors/typo-2021.txt" "$fx/broken.pdf" "$fx/absent.txt"
expect_status 2 "an unreadable file wins over errors"
expect_err "not-a-report.txt" "the file without a report is named"
expect_err "broken.pdf: pdftotext" "a PDF pdftotext refuses is named with the reason"
expect_err "absent.txt: cannot open" "a missing file is named"
expect_out "typo-2021.txt: year 2021" "the readable file is still checked"
expect_out "checked 4 files: 1 with errors, 3 errors, 0 warnings, 3 unreadable" "the tally counts unreadable files"

# --- JSON ---------------------------------------------------------------------------------
run check --json "$fx/errors/typo-2021.txt" "$fx/not-a-report.txt"
expect_status 2 "--json keeps the exit status"
expect_line 1 "{" "JSON on stdout"
expect_line 2 '  "files": [' "the files array"
expect_out '"file": "tests/fixtures/reports/errors/typo-2021.txt"' "file"
expect_out '"year": 2021' "year"
expect_out '"layout": "2021"' "layout"
expect_out '"rule": "shared_cell"' "a finding's rule"
expect_out '"row": "C4.1"' "a finding's row"
expect_out '"column": "natural_person"' "a finding's column"
expect_out '"expected": 7' "expected"
expect_out '"actual": 17' "actual"
expect_out '"lawsuit_after_review": [' "table 四 rows"
expect_out '"fee_amount": 0' "table 二 under disclosure"
expect_out '"error": "' "the unreadable file has an error"
expect_err "checked 2 files" "with --json the tally goes to stderr"
run check --json "$fx/consistent/lanxi-2023.txt"
expect_out '"fee_amount": 7730.28' "a 万元 amount keeps its decimals"
expect_out '"C6.3": [' "2021 rows by id"

# --- the shared samples (published reports) ------------------------------------------------
if [ -d "${GK_SHARED_DIR:-}/samples" ]; then
	run check "$GK_SHARED_DIR/samples"
	if [ "$status" = 0 ] || [ "$status" = 1 ]; then ok "every shared sample holds a report"; else
		not_ok "every shared sample holds a report" "status $status" "stderr: $err"; fi
	expect_out "hongze-2023.txt: year 2023, layout 2021" "a pdftotext sample is recognised"
	expect_out "fengze-2020.txt: year 2020, layout 2019" "a Markdown sample is recognised"
else
	skip_test "GK_SHARED_DIR/samples is absent; published samples not checked"
fi
