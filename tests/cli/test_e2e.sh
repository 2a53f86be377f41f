# The portal in a real browser: Debian chromium driven by playwright-core
# (tests/e2e/portal.js) against `gongkai serve` on loopback with a demo
# database — browse, search, a report, the 适老化 mode, keyboard only,
# axe-core on every page. Screenshots are kept in build/e2e/.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/cli/lib.sh"

e2e_ready || exit 1

dir=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill -TERM "$server" 2>/dev/null; rm -rf "$dir" "$tmp_out" "$tmp_err"' EXIT
"$GONGKAI" demo --db "$dir/demo.db" --seed 1 --today 2025-06-30 >/dev/null 2>&1 ||
	not_ok "gongkai demo made the database"
# Markup in data is text: a document whose title and body are script.
printf '%s\n' 'agency,title,doc_number,category,created,published,summary,body' \
	'qu-zf,<script>alert(1)</script>,<b>1号</b>,1,2025-06-01,2025-06-02,"<img src=x onerror=alert(2)>",<script>alert(3)</script>' \
	>"$dir/hostile.csv"
"$GONGKAI" import documents "$dir/hostile.csv" --db "$dir/demo.db" --today 2025-06-30 >/dev/null 2>&1 ||
	not_ok "the hostile document was imported"
start_server "$dir" "$dir/demo.db" --static "$top/static" --templates "$top/templates" || exit 1
ok "the server started on $base"

run_e2e portal.js "$base" "$top/build/e2e"

kill -TERM "$server"
wait "$server"
status=$?
server=""
if [ "$status" = 0 ]; then ok "the server stopped cleanly after the browser session"; else not_ok "the server stopped cleanly after the browser session" "exit $status: $(tail -5 "$dir/serve.stderr")"; fi
