# Reports checked per second on one core (issue "gongkai check").
# Goal: at least 2,000 reports per second for text input of the size of
# the published samples. Corpus: the published samples of the shared
# material (8-11 KB each) when present, else the test fixtures (3 KB),
# copied until there are N files.
# Reference in the same run: `grep -c` over the same files, which reads
# every byte once: the floor for any checker that reads its input.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${BENCH_REPORTS:-2000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
shared=${GK_SHARED_DIR:-$top/../shared}
if compgen -G "$shared/samples/*.txt" >/dev/null; then
	src=("$shared"/samples/*.txt)
	echo "corpus from the published samples"
else
	src=("$top"/tests/fixtures/reports/consistent/*.txt "$top"/tests/fixtures/reports/errors/*.txt)
	echo "corpus from the test fixtures (shared samples absent)"
fi
for ((i = 0; i < n; i++)); do
	cp "${src[i % ${#src[@]}]}" "$dir/r$i.txt"
done
echo "corpus: $n files, $(cat "$dir"/*.txt | wc -c) bytes"
hyperfine --warmup 1 --runs 5 -N --export-json "$dir/h.json" \
	-n check "$top/build/gongkai check $dir" \
	-n grep "grep -rc 本年新收 $dir" -i >/dev/null 2>&1
# Mean seconds of each command, from hyperfine's JSON.
mean() { grep -A3 "\"command\": \"$1\"" "$dir/h.json" | grep '"mean"' | grep -oE '[0-9.]+(e-?[0-9]+)?'; }
c=$(mean check) g=$(mean grep)
awk -v c="$c" -v g="$g" -v n="$n" 'BEGIN {
	printf "gongkai check: %.3f s = %.0f reports/s; grep: %.3f s; ratio check/grep %.1fx; goal >= 2000/s: %s\n",
		c, n / c, g, c / g, (n / c >= 2000 ? "met" : "NOT met") }'
