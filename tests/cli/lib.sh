# Helpers for CLI tests: each check prints one TAP line.
#   run ARGS...            run $GONGKAI with ARGS; sets $out, $err, $status
#   expect_status N DESC   the last run exited with N
#   expect_out TEXT DESC   stdout of the last run contains TEXT
#   expect_err TEXT DESC   stderr of the last run contains TEXT
#   expect_line N TEXT DESC line N of stdout is exactly TEXT
# Sourced by tests/cli/*.sh; scripts/run-tests counts the lines.
set -u
: "${GONGKAI:?set GONGKAI to the gongkai binary}"
tap_n=0
out="" err="" status=0
tmp_out=$(mktemp) tmp_err=$(mktemp)
trap 'rm -f "$tmp_out" "$tmp_err"' EXIT

run() {
	"$GONGKAI" "$@" >"$tmp_out" 2>"$tmp_err" </dev/null
	status=$?
	out=$(cat "$tmp_out")
	err=$(cat "$tmp_err")
}

# run_stdin INPUT ARGS...: like run, with INPUT on standard input.
run_stdin() {
	local input=$1
	shift
	printf '%s' "$input" | "$GONGKAI" "$@" >"$tmp_out" 2>"$tmp_err"
	status=$?
	out=$(cat "$tmp_out")
	err=$(cat "$tmp_err")
}

ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

not_ok() {
	tap_n=$((tap_n + 1))
	echo "not ok $tap_n - $1"
	shift
	for l in "$@"; do echo "#   $l"; done
}

skip_test() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
	echo "skip: $1"
}

expect_status() {
	if [ "$status" = "$1" ]; then ok "$2"; else not_ok "$2" "status $status, expected $1" "stderr: $err"; fi
}

expect_out() {
	case "$out" in
	*"$1"*) ok "$2" ;;
	*) not_ok "$2" "stdout lacks: $1" "stdout: $(printf '%s' "$out" | head -5)" ;;
	esac
}

expect_err() {
	case "$err" in
	*"$1"*) ok "$2" ;;
	*) not_ok "$2" "stderr lacks: $1" "stderr: $err" ;;
	esac
}

expect_line() {
	local got
	got=$(printf '%s\n' "$out" | sed -n "$1p")
	if [ "$got" = "$2" ]; then ok "$3"; else not_ok "$3" "line $1: '$got'" "expected: '$2'"; fi
}

# start_server DIR DB [ARGS...]: run `gongkai serve` on a free loopback port
# with DB, stderr in DIR/serve.stderr; sets $server (pid) and $base (URL)
# once /healthz answers. Returns 1 (with a not ok line) when it does not.
start_server() {
	local dir=$1 db=$2
	shift 2
	: >"$dir/serve.stderr"
	"$GONGKAI" serve --db "$db" --listen 127.0.0.1:0 "$@" 2>"$dir/serve.stderr" &
	server=$!
	base=""
	for _ in $(seq 200); do
		base=$(sed -n 's|.*listening on \(http://[0-9.:]*\)/.*|\1|p' "$dir/serve.stderr")
		[ -n "$base" ] && curl -sf "$base/healthz" >/dev/null && return 0
		sleep 0.1
	done
	not_ok "the server started" "stderr: $(cat "$dir/serve.stderr")"
	return 1
}

# e2e_ready: node, chromium and curl are installed (scripts/bootstrap installs
# them) and the browser tests' npm packages are in place (npm ci from the
# committed lock file). Otherwise a not ok line and status 1.
e2e_ready() {
	local need
	for need in node chromium curl; do
		if ! command -v "$need" >/dev/null; then
			not_ok "$need is installed (scripts/bootstrap installs it)"
			return 1
		fi
	done
	if [ ! -d "$top/tests/e2e/node_modules/playwright-core" ]; then
		npm ci --prefix "$top/tests/e2e" --no-audit --no-fund >/dev/null 2>&1 ||
			{ not_ok "npm ci installed playwright-core and axe-core"; return 1; }
	fi
	mkdir -p "$top/build/e2e"
}

# run_e2e SCRIPT ARGS...: run tests/e2e/SCRIPT (at most 5 minutes) and pass
# its TAP lines on, renumbered into this script's.
run_e2e() {
	local line
	while IFS= read -r line; do
		case "$line" in
		"ok "*) ok "${line#ok * - }" ;;
		"not ok "*) not_ok "${line#not ok * - }" ;;
		*) echo "$line" ;;
		esac
	done < <(cd "$top/tests/e2e" && timeout 300 node "$@" 2>&1)
}
