# The template engine against its oracle, mustache.js 4.2.0 (DESIGN.md):
# every case of tests/template/cases.json is rendered by oracle.js (Node)
# and by the C engine (test_template --render-cases); the outputs must be
# the same bytes. Node is required: scripts/bootstrap installs Debian's
# nodejs and npm when it is missing.
. "$(dirname "$0")/lib.sh"
dir=tests/template
bin=build/asan/tests/test_template
work=$(mktemp -d)
trap 'rm -rf "$work" "$tmp_out" "$tmp_err"' EXIT

if ! command -v node >/dev/null 2>&1; then
	not_ok "node is installed" "node is not on PATH: run scripts/bootstrap (as root) or install nodejs and npm"
	exit 1
fi
if [ ! -f "$dir/node_modules/mustache/package.json" ]; then
	if ! npm ci --prefix "$dir" --no-audit --no-fund >"$work/npm.log" 2>&1; then
		not_ok "npm ci installs mustache.js" "$(tail -5 "$work/npm.log")"
		exit 1
	fi
fi
if ! node "$dir/oracle.js" "$dir/cases.json" "$work/js" 2>"$work/node.err"; then
	not_ok "mustache.js renders every case" "$(cat "$work/node.err")"
	exit 1
fi
if ! "$bin" --render-cases "$dir/cases.json" "$work/c" 2>"$work/c.err"; then
	not_ok "the C engine renders every case" "$(cat "$work/c.err")"
	exit 1
fi

n_js=$(find "$work/js" -name '*.out' | wc -l)
n_c=$(find "$work/c" -name '*.out' | wc -l)
if [ "$n_js" -gt 100 ] && [ "$n_js" = "$n_c" ]; then
	ok "both sides rendered the $n_js cases"
else
	not_ok "both sides rendered every case" "mustache.js: $n_js files, C: $n_c"
fi
for js in "$work"/js/*.out; do
	name=$(basename "$js" .out)
	if cmp -s "$js" "$work/c/$name.out"; then
		ok "$name"
	else
		not_ok "$name: the C output differs from mustache.js" \
			"mustache.js: $(od -An -c "$js" | head -3 | tr -s ' ')" \
			"C:           $(od -An -c "$work/c/$name.out" 2>&1 | head -3 | tr -s ' ')"
	fi
done
