#!/bin/sh
# Benchmarks callrail-enrich on a generated CloudFront log against two reference points:
# a baseline that only decompresses and recompresses the log, and a plain Python script
# (bench/peer.py) that does the same job as the tool.
#
# Run from the repository root after `swift build -c release` (`make bench` does both).
# Settings, all optional environment variables:
#   BENCH_LINES=N        data lines of the main corpus (default 1000000)
#   BENCH_PEER_LINES=N   data lines of the smaller corpus the Python peer runs on (default 100000)
#   BENCH_RUNS=N         timed runs per command, at least 3 (default 3); tables report medians
#   BENCH_SEED=N         corpus seed (default 20191204)
#   BENCH_BIG=0          skip the run that measures the tool's peak memory on a
#                        BENCH_BIG_LINES corpus (done by default)
#   BENCH_BIG_LINES=N    data lines of that corpus (default 10000000)
#   BENCH_SKIP_TOOL=1    measure only the baseline and the peer (no binary needed)
# Corpora are cached in bench/work/ by format, line count and seed. Each run writes its
# hyperfine JSON files and the printed table into bench/work/results/<UTC time>/.
set -eu

BINARY=.build/release/callrail-enrich
WORK=bench/work
ETL_TIMESTAMP=2024-01-01T00:00:00Z

LINES=${BENCH_LINES:-1000000}
PEER_LINES=${BENCH_PEER_LINES:-100000}
RUNS=${BENCH_RUNS:-3}
SEED=${BENCH_SEED:-20191204}
BIG=${BENCH_BIG:-1}
BIG_LINES=${BENCH_BIG_LINES:-10000000}
SKIP_TOOL=${BENCH_SKIP_TOOL:-0}

fail() {
    echo "error: $*" >&2
    exit 1
}

note() {
    echo "bench: $*" >&2
}

require_count() {
    # $1: variable name, $2: value, $3: minimum
    case "$2" in
        '' | *[!0-9]*) fail "$1 must be a whole number, got '$2'" ;;
    esac
    [ "$2" -ge "$3" ] || fail "$1 must be at least $3, got $2"
}

# Checks -------------------------------------------------------------------------------------

if [ ! -f bench/run.sh ] || [ ! -f Package.swift ]; then
    fail "run this script from the repository root: sh bench/run.sh"
fi
require_count BENCH_LINES "$LINES" 1
require_count BENCH_PEER_LINES "$PEER_LINES" 1
require_count BENCH_RUNS "$RUNS" 3
require_count BENCH_BIG_LINES "$BIG_LINES" 1

for command in hyperfine gzip zcat python3; do
    command -v "$command" >/dev/null 2>&1 ||
        fail "$command not found; run 'sh scripts/ensure-packages.sh bench' or 'make bench'"
done
[ -x /usr/bin/time ] ||
    fail "/usr/bin/time (GNU time) not found;" \
        "run 'sh scripts/ensure-packages.sh bench' or 'make bench'"

if [ "$SKIP_TOOL" != 1 ] && [ ! -x "$BINARY" ]; then
    fail "$BINARY not found; run 'make build' first (or 'make bench', which builds it)," \
        "or set BENCH_SKIP_TOOL=1 to measure only the baseline and the Python peer"
fi

RESULTS="$WORK/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS"
ROWS="$RESULTS/rows.tsv"
: >"$ROWS"
NOTES="$RESULTS/notes.txt"
: >"$NOTES"

{
    echo "date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
    echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(nproc) cores"
    echo "memory: $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "kernel: $(uname -sr)"
    echo "load average at start (1, 5, 15 min): $(cut -d ' ' -f 1-3 /proc/loadavg)"
    echo "$(hyperfine --version), $(python3 --version), $(gzip --version | head -n 1)"
    if [ "$SKIP_TOOL" != 1 ]; then
        echo "tool: $("$BINARY" --version 2>/dev/null || echo "version unknown")"
    fi
} >"$RESULTS/machine.txt"

# Corpora -----------------------------------------------------------------------------------

corpus_path() {
    # $1: data lines
    echo "$WORK/corpus-cloudfront-$1-seed$SEED.log.gz"
}

ensure_corpus() {
    # $1: data lines. The generator renames a complete file into place, so an existing
    # file is whole and is reused.
    path=$(corpus_path "$1")
    if [ -f "$path" ]; then
        note "reusing corpus $path"
    else
        note "generating corpus $path ($1 data lines)"
        python3 bench/generate_corpus.py --format cloudfront --lines "$1" --seed "$SEED" \
            --output "$path"
    fi
}

ensure_corpus "$LINES"
CORPUS=$(corpus_path "$LINES")
ensure_corpus "$PEER_LINES"
PEER_CORPUS=$(corpus_path "$PEER_LINES")

# Measurements ------------------------------------------------------------------------------

measure() {
    # $1: row name, $2: data lines of the input, $3: command line (split as words by
    # hyperfine, so a pipeline needs its own sh -c), $4: warm-up runs
    json="$RESULTS/$(printf %s "$1" | tr -cs 'A-Za-z0-9' '-').json"
    note "measuring $1"
    hyperfine --shell=none --runs "$RUNS" --warmup "$4" --export-json "$json" \
        --command-name "$1" "$3" >&2
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$json" "$3" >>"$ROWS"
}

tool_command() {
    # $@: extra options, placed before the input
    extra=""
    [ $# -gt 0 ] && extra="$* "
    echo "$BINARY enrich --quiet --overwrite --etl-timestamp $ETL_TIMESTAMP" \
        "--output $WORK/out $extra$CORPUS"
}

check_tool_run() {
    # Runs the tool once with the extra options in $@ and returns its exit status. A run
    # that exits 0 without a committed run folder means the enrich command is missing.
    rm -rf "$WORK/out"
    command_line=$(tool_command "$@")
    status=0
    # shellcheck disable=SC2086
    $command_line || status=$?
    if [ "$status" = 0 ] && [ ! -f "$WORK/out/_SUCCESS" ]; then
        fail "$BINARY exited 0 but wrote no $WORK/out/_SUCCESS; is the enrich command" \
            "implemented in this build?"
    fi
    return "$status"
}

report_tool_totals() {
    # Prints what the tool's report.json counted, so a fast but wrong run is noticed.
    python3 - "$WORK/out/report.json" "$LINES" <<'EOF' >&2 || true
import json
import sys

path, data_lines = sys.argv[1], int(sys.argv[2])
try:
    with open(path) as report_file:
        totals = json.load(report_file)["totals"]
except (OSError, ValueError, KeyError) as error:
    print(f"bench: could not read the totals from {path}: {error}")
    sys.exit(0)

def total(value):
    return sum(value.values()) if isinstance(value, dict) else value

counts = {name: total(totals.get(name)) for name in ("read", "enriched", "bad", "skipped")}
print("bench: tool report totals: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
expected_read = data_lines + 2  # the two CloudFront header lines
if counts["read"] != expected_read:
    print(f"bench: WARNING: the tool read {counts['read']} lines, expected {expected_read}")
EOF
}

# Check the tool before timing anything, so a broken build fails fast.
if [ "$SKIP_TOOL" != 1 ]; then
    note "checking that the tool runs on $CORPUS"
    status=0
    check_tool_run || status=$?
    [ "$status" = 0 ] || fail "$(tool_command) failed with exit status $status"
    report_tool_totals
    # Exit status 64 is a usage error: a build without --jobs, whose rows are skipped.
    jobs_status=0
    check_tool_run --jobs 1 || jobs_status=$?
    case "$jobs_status" in
        0 | 64) ;;
        *) fail "$(tool_command --jobs 1) failed with exit status $jobs_status" ;;
    esac
fi

measure baseline "$LINES" "sh -c 'zcat $CORPUS | gzip -1 > /dev/null'" 1

if [ "$SKIP_TOOL" = 1 ]; then
    echo "tool rows skipped: BENCH_SKIP_TOOL=1" >>"$NOTES"
else
    measure tool "$LINES" "$(tool_command)" 1
    if [ "$jobs_status" = 0 ]; then
        measure "tool --jobs 1" "$LINES" "$(tool_command --jobs 1)" 0
        measure "tool --jobs 2" "$LINES" "$(tool_command --jobs 2)" 0
        measure "tool --no-validation" "$LINES" "$(tool_command --no-validation)" 0
    else
        echo "tool --jobs rows skipped: the binary rejected --jobs (exit status 64)" >>"$NOTES"
    fi

    note "measuring the tool's peak memory on $CORPUS"
    # shellcheck disable=SC2046
    /usr/bin/time -f %M -o "$RESULTS/tool-peak-kib.txt" $(tool_command) ||
        fail "$(tool_command) failed while measuring its peak memory"
    echo "tool peak memory on $LINES lines: $(awk '{ printf "%.1f MiB", $1 / 1024 }' \
        "$RESULTS/tool-peak-kib.txt") (maximum resident set size, GNU time %M)" >>"$NOTES"
fi

PEER_COMMAND="python3 bench/peer.py --quiet --etl-timestamp $ETL_TIMESTAMP"
PEER_COMMAND="$PEER_COMMAND --output $WORK/peer-out $PEER_CORPUS"
measure "python peer" "$PEER_LINES" "$PEER_COMMAND" 0
note "measuring the Python peer's peak memory on $PEER_CORPUS"
# shellcheck disable=SC2086
/usr/bin/time -f %M -o "$RESULTS/peer-peak-kib.txt" $PEER_COMMAND ||
    fail "$PEER_COMMAND failed while measuring its peak memory"
echo "python peer peak memory on $PEER_LINES lines: $(awk '{ printf "%.1f MiB", $1 / 1024 }' \
    "$RESULTS/peer-peak-kib.txt") (maximum resident set size, GNU time %M)" >>"$NOTES"
if [ "$PEER_LINES" != "$LINES" ]; then
    echo "python peer ran on a $PEER_LINES-line corpus, the other rows on $LINES lines;" \
        "compare lines per second" >>"$NOTES"
fi

if [ "$BIG" = 1 ] && [ "$SKIP_TOOL" != 1 ]; then
    ensure_corpus "$BIG_LINES"
    BIG_CORPUS=$(corpus_path "$BIG_LINES")
    note "measuring the tool's peak memory on $BIG_CORPUS (one run)"
    /usr/bin/time -f '%e %M' -o "$RESULTS/tool-big.txt" \
        "$BINARY" enrich --quiet --overwrite --etl-timestamp "$ETL_TIMESTAMP" \
        --output "$WORK/out" "$BIG_CORPUS" ||
        fail "the tool failed on $BIG_CORPUS"
    awk -v lines="$BIG_LINES" '{
        printf "tool on %d lines (one run): %.1f s, %.0f lines/s, peak memory %.1f MiB\n",
            lines, $1, lines / $1, $2 / 1024
    }' \
        "$RESULTS/tool-big.txt" >>"$NOTES"
elif [ "$BIG" = 1 ]; then
    echo "BENCH_BIG=1 ignored: BENCH_SKIP_TOOL=1" >>"$NOTES"
fi
rm -rf "$WORK/out" "$WORK/peer-out"

# Table -------------------------------------------------------------------------------------

python3 - "$ROWS" <<'EOF' >"$RESULTS/table.txt"
import json
import sys

rows = []
with open(sys.argv[1]) as manifest:
    for line in manifest:
        name, data_lines, json_path, command = line.rstrip("\n").split("\t")
        with open(json_path) as result_file:
            result = json.load(result_file)["results"][0]
        rows.append({"name": name, "lines": int(data_lines), "median": result["median"],
                     "min": result["min"], "max": result["max"],
                     "cpu": result["user"] + result["system"],
                     "runs": len(result["times"]), "command": command})

by_name = {row["name"]: row for row in rows}
for row in rows:
    row["lines_per_second"] = row["lines"] / row["median"]

def ratio_to(reference_name, row, numerator):
    reference = by_name.get(reference_name)
    if reference is None:
        return "-"
    return f"{numerator(row, reference):.2f}"

header = ("command", "data lines", "runs", "median s", "min-max s", "cpu s", "lines/s",
          "ratio to baseline", "speedup over peer")
table = [header]
for row in rows:
    table.append((
        row["name"], f"{row['lines']:,}", str(row["runs"]), f"{row['median']:.3f}",
        f"{row['min']:.2f}-{row['max']:.2f}", f"{row['cpu']:.2f}",
        f"{row['lines_per_second']:,.0f}",
        # Seconds per line against the baseline's, which equals the ratio of medians
        # when both ran on the same corpus.
        ratio_to("baseline", row, lambda r, b: b["lines_per_second"] / r["lines_per_second"]),
        ratio_to("python peer", row, lambda r, p: r["lines_per_second"] / p["lines_per_second"]),
    ))
widths = [max(len(line[column]) for line in table) for column in range(len(header))]
for line in table:
    print("  ".join(cell.ljust(width) if column == 0 else cell.rjust(width)
                    for column, (cell, width) in enumerate(zip(line, widths))))
validated, unvalidated = by_name.get("tool"), by_name.get("tool --no-validation")
if validated and unvalidated:
    print()
    print(f"validation cost: {validated['median'] / unvalidated['median'] - 1:+.1%} wall time, "
          f"{validated['cpu'] / unvalidated['cpu'] - 1:+.1%} cpu time (tool against tool --no-validation)")
print()
print("median s: median wall-clock time of the runs. cpu s: mean user + system time of the")
print("process and its children, which grows less than wall time when other load competes")
print("for the cores. lines/s: data lines / median s.")
print()
print("commands:")
for row in rows:
    print(f"  {row['name']}: {row['command']}")
EOF
cat "$NOTES" >>"$RESULTS/table.txt"

echo
cat "$RESULTS/machine.txt"
echo
cat "$RESULTS/table.txt"
echo
echo "results (hyperfine JSON, table, machine details): $RESULTS/"
