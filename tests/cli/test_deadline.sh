# CLI tests of gongkai deadline, calendar and fee: the contract of the
# README, the exit statuses, and one-line refusals of bad input.
. "$(dirname "$0")/lib.sh"

run deadline --received 2026-09-28
expect_status 0 "deadline: the contract example exits 0"
expect_line 1 "2026-10-30" "deadline: received 2026-09-28 is due 2026-10-30 (National Day inside)"
expect_out "2026-10-10（星期六）国庆节调休上班" "deadline: the trace names the 调休 Saturday"
expect_out "民法典第二百零一条" "deadline: the trace cites the start-day rule"

run deadline --received 2026-09-28 --json --today 2026-11-03
expect_status 0 "deadline --json exits 0"
for key in '"received": "2026-09-28"' '"start": "2026-09-28"' '"limit_days": 20' \
	'"due": "2026-10-30"' '"correction_notice_due": "2026-10-13"' '"excluded_days": 0' \
	'"calendar_complete": true' '"trace": [' '"working_days_left": -2'; do
	expect_out "$key" "deadline --json has $key"
done

run deadline --received 2026-09-28 --corrected 2026-10-09 --extended --pause 2026-10-12..2026-10-16 --json
expect_out '"start": "2026-10-09"' "deadline: 补正 restarts the clock"
expect_out '"limit_days": 40' "deadline: --extended gives 40 days"
expect_out '"excluded_days": 4' "deadline: a window excludes its working days"
expect_out '"due": "2026-12-09"' "deadline: corrected + extended + paused due date"

run deadline --received 2026-12-15 --json
expect_out '"calendar_complete": false' "deadline: a count into 2027 is flagged incomplete"

run deadline --channel 邮寄 --signed 2026-03-05
expect_line 1 "2026-04-02" "deadline: --channel 邮寄 counts from the day signed for"
expect_out "第三十一条（二）" "deadline: the channel rule is cited"

run deadline --received 2026-09-28 --fee-notice 2026-09-30 --json
expect_out '"fee_payment_due": "2026-11-03"' "deadline: fee payment window of 109号"

# Bad input: exit 2 and one line naming the argument, the value, what is allowed.
bad() {
	local what=$1 fragment=$2
	shift 2
	run "$@"
	if [ "$status" = 2 ] && [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] && [ -z "$out" ]; then
		case "$err" in
		*"$fragment"*) ok "refused: $what" ;;
		*) not_ok "refused: $what" "stderr lacks: $fragment" "stderr: $err" ;;
		esac
	else
		not_ok "refused: $what" "status $status (want 2), stderr: $err, stdout: $out"
	fi
}
bad "malformed date" "--received: '2026-02-30' is not a valid date" deadline --received 2026-02-30
bad "date with slashes" "expected YYYY-MM-DD" deadline --received 2026/09/28
bad "missing --received" "--received: missing" deadline
bad "corrected before received" "--corrected: 2026-09-01 is before the received date" \
	deadline --received 2026-09-28 --corrected 2026-09-01
bad "inverted window" "--pause: window 2026-10-16..2026-10-12 is inverted" \
	deadline --received 2026-09-28 --pause 2026-10-16..2026-10-12
bad "overlapping windows" "--pause: windows overlap" \
	deadline --received 2026-09-28 --pause 2026-10-12..2026-10-16 --pause 2026-10-14..2026-10-20
bad "window without end" "--pause: '2026-10-12' is not a window" \
	deadline --received 2026-09-28 --pause 2026-10-12
bad "unknown flag" "unknown option '--recieved'" deadline --recieved 2026-09-28
bad "flag without value" "--today needs a value" deadline --received 2026-09-28 --today
bad "extension over 20" "--extension-days: '21' is not allowed" \
	deadline --received 2026-09-28 --extension-days 21
bad "channel without its date" "邮寄 needs the date the agency signed" \
	deadline --channel 邮寄 --submitted 2026-03-02
bad "unknown command" "'deadlines' is not a command" deadlines
bad "year outside the calendar" "outside the calendar's range" deadline --received 1999-05-01

# A calendar file with a bad line: refuse to start, naming file and line.
cal=$(mktemp)
printf 'date\tname\ttype\tyear\tnotice\n2027-10-01\t国庆节\toff\t2027\tN\n2027-10-04\t国庆节\tmaybe\t2027\tN\n' >"$cal"
bad "calendar file with a bad line" "$cal:3: type 'maybe' is not allowed" \
	deadline --received 2027-09-28 --calendar "$cal"
printf 'date\tname\ttype\tyear\tnotice\n2027-10-01\t国庆节\toff\t2027\tN\n' >"$cal"
run deadline --received 2027-09-28 --calendar "$cal" --json
expect_out '"due": "2027-10-27"' "deadline --calendar: next year's notice added by file"
expect_out '"calendar_complete": true' "deadline --calendar: the added year counts as official"
rm -f "$cal"

run calendar show 2020
expect_status 0 "calendar show exits 0"
expect_out "2020-01-31至2020-02-02 春节 放假 3天  国办发明电〔2020〕1号" \
	"calendar show: the 2020 Spring Festival extension with its own notice"
expect_out "2020年：249个工作日" "calendar show: working days of 2020"
run calendar show 2027
expect_out "没有载入该年的节假日安排" "calendar show: a year without a notice says so"
bad "calendar year not a number" "YEAR: '20x6' is not allowed" calendar show 20x6

run fee --items 35
expect_out "本月第35件应收200元；本月累计35件合计3000元" "fee --items: the 35th application"
run fee --pages 250 --json
expect_out '"fee": 4700' "fee --pages --json: 250 pages"
bad "fee with both standards" "give either --items or --pages" fee --items 3 --pages 4
bad "fee of zero items" "--items: '0' is not allowed" fee --items 0
