# The ledger (issue "The ledger"): reports compiled from a large ledger and
# CSV import speed, each next to a plain-SQL reference in the same run.
# Goals: one agency's complete report within 1.5x of the plain-SQL aggregate
# and under 10 ms; all 3,000 agencies' reports under 0.5 s; import at least
# 50,000 rows per second.
#
# Corpus: build/bench/large.db from `gongkai demo --size large --seed 1
# --today 2025-06-30` (3,000 agencies, 1,000,000 applications, 1,000,000
# documents), made on the first run (about a minute) and kept; bench/run
# then runs build/bench/bench_ledger on it (reports, in-process, warm).
# Import: BENCH_IMPORT_ROWS (default 500,000) applications of one agency,
# `gongkai import` into a fresh database vs the sqlite3 shell's `.import`
# of the same file into a plain table (no validation, no events, no
# indexes: the floor for loading those bytes into SQLite), hyperfine.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
g=$top/build/gongkai
large=$top/build/bench/large.db
if [ ! -e "$large" ]; then
	echo "making $large (gongkai demo --size large)"
	mkdir -p "$(dirname "$large")"
	"$g" demo --db "$large" --size large --seed 1 --today 2025-06-30 >/dev/null
fi

n=${BENCH_IMPORT_ROWS:-500000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$g" init --db "$dir/empty.db" >/dev/null
"$g" agency add fgj 发展和改革局 --db "$dir/empty.db" >/dev/null
{
	echo "agency,ref,applicant_type,received,closed,outcome"
	seq 1 "$n" | awk '{ t = ($1 % 20 == 0) ? "商业企业" : "自然人";
		printf "fgj,K%d,%s,2024-%02d-%02d,2024-12-%02d,予以公开\n", $1, t, $1 % 11 + 1, $1 % 28 + 1, $1 % 28 + 1 }'
} >"$dir/apps.csv"
echo "import: $n rows, $(wc -c <"$dir/apps.csv") bytes"
hyperfine --runs 3 --export-json "$dir/h.json" \
	--prepare "cp $dir/empty.db $dir/x.db; rm -f $dir/x.db-wal $dir/x.db-shm $dir/raw.db" \
	-n gongkai "$g import applications $dir/apps.csv --db $dir/x.db --today 2026-11-27" \
	-n sqlite3 "sqlite3 $dir/raw.db '.import --csv $dir/apps.csv raw'" >/dev/null 2>&1
mean() { grep -A3 "\"command\": \"$1\"" "$dir/h.json" | grep '"mean"' | grep -oE '[0-9.]+(e-?[0-9]+)?'; }
a=$(mean gongkai) b=$(mean sqlite3)
awk -v a="$a" -v b="$b" -v n="$n" 'BEGIN {
	printf "import: gongkai %.2f s = %.0f rows/s; sqlite3 .import %.2f s = %.0f rows/s; ratio %.1fx; goal >= 50000/s: %s\n",
		a, n / a, b, n / b, a / b, (n / a >= 50000 ? "met" : "NOT met") }'
