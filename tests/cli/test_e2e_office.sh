# The back office in a real browser (tests/e2e/office.js): a handler works a
# paper application from registration to the archived answer, a reviewer
# approves the draft, the 答复书 is printed and issued, a supervisor
# publishes the region's annual report; axe-core on every page.
# Screenshots are kept in build/e2e/.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/cli/lib.sh"

e2e_ready || exit 1

dir=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill -TERM "$server" 2>/dev/null; rm -rf "$dir" "$tmp_out" "$tmp_err"' EXIT
# The ledger as of mid-2025; the office works on 2026-01-20, when the 2025
# report is due (31 January for departments, 31 March for the region).
"$GONGKAI" demo --db "$dir/demo.db" --seed 5 --today 2025-06-30 >/dev/null 2>&1 ||
	not_ok "gongkai demo made the database"
password=E2e-office-2026
for u in "e_handler qu-fgj handler" "e_reviewer qu-fgj reviewer" "e_supervisor qu-zf supervisor"; do
	set -- $u
	printf '%s\n' "$password" | "$GONGKAI" user add "$1" --agency "$2" --role "$3" \
		--db "$dir/demo.db" >/dev/null 2>&1 || not_ok "user $1 added"
done
start_server "$dir" "$dir/demo.db" --today 2026-01-20 --static "$top/static" \
	--templates "$top/templates" || exit 1
ok "the server started on $base"

run_e2e office.js "$base" "$top/build/e2e" "$password" 2025

kill -TERM "$server"
wait "$server"
status=$?
server=""
if [ "$status" = 0 ]; then ok "the server stopped cleanly after the browser session"; else not_ok "the server stopped cleanly after the browser session" "exit $status: $(tail -5 "$dir/serve.stderr")"; fi
