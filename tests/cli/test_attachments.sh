# Attachments on the online application form ("PDF/JPEG/PNG checked by
# content, size-limited, stored outside the web root under random names";
# "oversized or disguised attachments are refused; a submission that fails
# leaves nothing half-written"): posted with curl -F to a real server.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/cli/lib.sh"

if ! command -v curl >/dev/null || ! command -v sqlite3 >/dev/null; then
	skip_test "curl or sqlite3 is not installed (scripts/bootstrap installs them)"
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
start_server "$dir" "$dir/demo.db" --threads 2 --static "$top/tests/http/static" ||
	exit 1
files="$dir/demo.db.files"
if [ "$(stat -c %a "$files")" = 700 ]; then
	ok "the attachments directory is the database path + .files, mode 0700"
else
	not_ok "the attachments directory is the database path + .files, mode 0700" \
		"$(ls -ld "$files" 2>&1)"
fi

# post KEY CURL-ARGS...: the form with idempotency key KEY and the extra
# arguments; sets $code (status) and the body in $dir/page.
post() {
	local key=$1
	shift
	code=$(curl -s -o "$dir/page" -w '%{http_code}' -F agency=qu-fgj -F "idempotency_key=$key" \
		-F type=自然人 -F name=张三 -F id_number=350102199003071234 -F phone=13800138000 \
		-F address=福州市 -F description=budget -F declaration=1 "$@" "$base/apply")
}
rows() {
	sqlite3 "$dir/demo.db" "SELECT count(*) FROM attachments"
}
apps() {
	sqlite3 "$dir/demo.db" "SELECT count(*) FROM applications"
}

printf '%%PDF-1.4\n1 0 obj << >> endobj\n%%%%EOF\n' >"$dir/letter.pdf"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$dir/scan.png"
post att1 -F "attachment=@$dir/letter.pdf;filename=授权委托书.pdf" -F "attachment=@$dir/scan.png"
if [ "$code" = 303 ]; then ok "a PDF and a PNG are accepted (303 to the receipt)"; else
	not_ok "a PDF and a PNG are accepted (303 to the receipt)" "status $code: $(head -c 300 "$dir/page")"
fi
stored=$(sqlite3 "$dir/demo.db" "SELECT stored_name || ' ' || kind || ' ' || size || ' ' || original_name FROM attachments ORDER BY id")
expected="$(wc -c <"$dir/letter.pdf") 授权委托书.pdf"
case "$stored" in
*" pdf $expected"*" png "*) ok "the rows name each file, its kind by content, size and name as sent" ;;
*) not_ok "the rows name each file, its kind by content, size and name as sent" "rows: $stored" ;;
esac
name=$(sqlite3 "$dir/demo.db" "SELECT stored_name FROM attachments ORDER BY id LIMIT 1")
if [[ $name =~ ^[0-9a-f]{32}$ ]] && [ -f "$files/$name" ] && cmp -s "$files/$name" "$dir/letter.pdf"; then
	ok "the file is stored under a random name of 32 hex digits, its bytes unchanged"
else
	not_ok "the file is stored under a random name of 32 hex digits, its bytes unchanged" "name: $name"
fi
if [ "$(stat -c %a "$files/$name")" = 600 ]; then ok "a stored file has mode 0600"; else
	not_ok "a stored file has mode 0600" "$(ls -l "$files/$name")"
fi
if find "$top/static" "$top/templates" "$top/tests/http/static" -name "$name" | grep -q .; then
	not_ok "the stored file is not under static/ or templates/"
elif curl -sf -o /dev/null "$base/static/$name"; then
	not_ok "the stored file is not served" "GET /static/$name answered"
else
	ok "the stored file is neither under static/ or templates/ nor served"
fi
loc=$(curl -s -o /dev/null -w '%{redirect_url}' -F agency=qu-fgj -F idempotency_key=att1 \
	-F type=自然人 -F name=张三 -F id_number=350102199003071234 -F phone=13800138000 \
	-F address=福州市 -F description=budget -F declaration=1 "$base/apply")
if curl -s "${loc/http:\/\/*\/receipt/$base/receipt}" | grep -q '<td>2 个</td>'; then
	ok "the receipt shows the number of attachments"
else
	not_ok "the receipt shows the number of attachments" "receipt: $loc"
fi

# Refused submissions: nothing is left, neither a row nor a file.
before_rows=$(rows) before_apps=$(apps) before_files=$(ls -A "$files" | wc -l)
nothing_left() {
	local now_files
	now_files=$(ls -A "$files" | wc -l)
	if [ "$(rows)" = "$before_rows" ] && [ "$(apps)" = "$before_apps" ] &&
		[ "$now_files" = "$before_files" ]; then
		ok "$1: no application, attachment row or file is left"
	else
		not_ok "$1: no application, attachment row or file is left" \
			"rows $(rows)/$before_rows, applications $(apps)/$before_apps, files $now_files/$before_files"
	fi
}
expect_page() {
	if [ "$code" = "$1" ] && grep -q -- "$2" "$dir/page"; then ok "$3"; else
		not_ok "$3" "status $code: $(grep -o 'role="alert"[^<]*' "$dir/page")"
	fi
}

printf 'MZ\x90\0\3\0\0\0\4\0\0\0this program cannot be run in DOS mode' >"$dir/invoice.pdf"
post att2 -F "attachment=@$dir/letter.pdf" -F "attachment=@$dir/invoice.pdf;type=application/pdf"
expect_page 400 "疑为伪装的文件" "an EXE named .pdf and declared application/pdf is refused as disguised"
grep -q 'value="张三"' "$dir/page" && ok "the refused form comes back with the typed values" ||
	not_ok "the refused form comes back with the typed values"
nothing_left "a disguised file"

printf '<html><script>alert(1)</script></html>' >"$dir/page.pdf"
post att3 -F "attachment=@$dir/page.pdf;type=application/octet-stream"
expect_page 400 "不是 PDF、JPEG 或 PNG" "HTML bytes are refused whatever the name (checked by content)"
nothing_left "an HTML file"

post att4 -F "attachment=@$dir/scan.png;type=image/jpeg"
expect_page 400 "内容是 PNG" "a PNG declared as JPEG is refused as disguised"

{ printf '%%PDF-1.4\n'; head -c $((6 << 20)) /dev/zero; } >"$dir/big.pdf"
post att5 -F "attachment=@$dir/big.pdf"
expect_page 400 "超过5 MB" "a 6 MiB file is refused, the message naming the limit"
nothing_left "an oversized file"

{ printf '%%PDF-1.4\n'; head -c $((4 << 20)) /dev/zero; } >"$dir/four.pdf"
{ printf '%%PDF-1.4\n'; head -c $((5 << 19)) /dev/zero; } >"$dir/two.pdf"
post att6 -F "attachment=@$dir/four.pdf" -F "attachment=@$dir/four.pdf" -F "attachment=@$dir/two.pdf"
expect_page 400 "合计超过10 MB" "4 + 4 + 2.5 MiB are refused: over 10 MiB together"
post att6 -F "attachment=@$dir/four.pdf" -F "attachment=@$dir/four.pdf" -F "attachment=@$dir/four.pdf"
if [ "$code" = 413 ]; then ok "a body over the route's 11 MiB is refused with 413"; else
	not_ok "a body over the route's 11 MiB is refused with 413" "status $code"
fi
post att7 $(for i in 1 2 3 4 5 6; do printf -- '-F attachment=@%s ' "$dir/letter.pdf"; done)
expect_page 400 "最多5个" "six files are refused"
nothing_left "too many or too large files together"

# A valid form whose files were written but whose transaction fails (a
# trigger refuses the insert): the files are removed again.
sqlite3 "$dir/demo.db" "CREATE TRIGGER refuse_apps BEFORE INSERT ON applications BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;"
post att8 -F "attachment=@$dir/letter.pdf"
if [ "$code" != 303 ]; then ok "a failing transaction is refused ($code)"; else
	not_ok "a failing transaction is refused" "status $code"
fi
nothing_left "a transaction that fails after the files were written"
sqlite3 "$dir/demo.db" "DROP TRIGGER refuse_apps"

# The urlencoded form still works.
code=$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode agency=qu-fgj \
	--data-urlencode idempotency_key=att9 --data-urlencode type=自然人 --data-urlencode name=张三 \
	--data-urlencode id_number=350102199003071234 --data-urlencode phone=13800138000 \
	--data-urlencode address=福州市 --data-urlencode description=budget \
	--data-urlencode declaration=1 "$base/apply")
if [ "$code" = 303 ]; then ok "the urlencoded form still makes an application"; else
	not_ok "the urlencoded form still makes an application" "status $code"
fi

kill -TERM "$server"
wait "$server"
server=""
if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' "$dir/serve.stderr"; then
	not_ok "no sanitizer report" "$(grep -A20 -E 'Sanitizer|runtime error' "$dir/serve.stderr")"
else
	ok "no sanitizer report"
fi
