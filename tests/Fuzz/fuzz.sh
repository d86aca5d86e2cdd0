#!/usr/bin/env bash
# Coverage-guided fuzzing of the HTML normaliser and the query parsers with AFL++ and SharpFuzz.
#
#   tests/Fuzz/fuzz.sh <html|query> [seconds]          fuzz for SECONDS (default 300)
#   tests/Fuzz/fuzz.sh replay <html|query> PATH...     run files (or folders of files) once, uninstrumented
#
# Installs what it needs: afl++ from apt (as root or through sudo) and the SharpFuzz.CommandLine
# tool into $FUZZ_WORK/tools. Publishes the harness, instruments the assemblies under test, runs
# afl-fuzz from the committed seed corpus tests/Fuzz/corpus/<target> with the dictionary
# tests/Fuzz/dictionaries/<target>.dict (syntax tokens the mutator splices in), prints one summary line
# and exits 1 when a crash was found (crashing inputs in $FUZZ_OUT/default/crashes).
#
# Environment: FUZZ_WORK (default ${TMPDIR:-/tmp}/seed-search-fuzz) holds tools, builds and
# findings; FUZZ_OUT (default $FUZZ_WORK/<target>-<time>) is afl-fuzz's output folder.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/Fuzz.csproj"
sharpfuzz_version=2.3.0
work="${FUZZ_WORK:-${TMPDIR:-/tmp}/seed-search-fuzz}"

usage() {
  sed -n '4,5p' "${BASH_SOURCE[0]}" | sed 's/^# *//' >&2
  exit 2
}

check_target() {
  case "$1" in html | query) ;; *) usage ;; esac
}

# Assemblies instrumented per target (ASSEMBLY or ASSEMBLY:NAMESPACE): the project's code under
# test and the parsers it drives. Of Lucene.Net.dll only the automata (regular expressions, fuzzy
# and wildcard terms) are: the rest is the index's own search path, whose caches and threads made
# a quarter of the coverage map vary between runs of the same input.
instrumented() {
  case "$1" in
    html) echo SeedSearch.Ingest.dll AngleSharp.dll ;;
    query) echo SeedSearch.Search.dll Lucene.Net.QueryParser.dll Lucene.Net.dll:Lucene.Net.Util.Automaton ;;
  esac
}

install_afl() {
  command -v afl-fuzz >/dev/null && return
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq afl++ >/dev/null
}

install_sharpfuzz() {
  local tools="$work/tools"
  [ -x "$tools/sharpfuzz" ] && return
  dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$tools" >/dev/null
}

if [ "${1:-}" = replay ]; then
  [ $# -ge 3 ] || usage
  check_target "$2"
  target="$2"
  shift 2
  # Absolute paths: dotnet run changes nothing, but callers pass paths relative to their own folder.
  paths=()
  for path in "$@"; do paths+=("$(realpath "$path")"); done
  exec dotnet run -c Release --project "$project" -- "$target" --replay "${paths[@]}"
fi

[ $# -ge 1 ] && [ $# -le 2 ] || usage
target="$1"
check_target "$target"
seconds="${2:-300}"
out="${FUZZ_OUT:-$work/$target-$(date -u +%Y%m%dT%H%M%S)}"
publish="$work/publish/$target"

install_afl
install_sharpfuzz

# A fresh publish each run: an assembly must not be instrumented twice.
rm -rf "$publish"
dotnet publish "$project" -c Release -o "$publish" --nologo -v quiet
for item in $(instrumented "$target"); do
  assembly="${item%%:*}"
  prefix=()
  [ "$item" = "$assembly" ] || prefix=("${item#*:}")
  "$work/tools/sharpfuzz" "$publish/$assembly" "${prefix[@]}" >/dev/null
done

mkdir -p "$out"
# The harness's own temp files (the query target's index) live in the output folder.
export TMPDIR="$out/tmp"
mkdir -p "$TMPDIR"
# dotnet is not an AFL-compiled binary (SKIP_BIN_CHECK); its start-up takes seconds (FORKSRV_INIT_TMOUT);
# the machine is shared, so no core pinning (NO_AFFINITY). The log is capped: a warning in a loop
# (afl-fuzz repeats some forever) must not fill the disk.
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
  AFL_FORKSRV_INIT_TMOUT=60000 \
  afl-fuzz -i "$here/corpus/$target" -x "$here/dictionaries/$target.dict" -o "$out" -t 10000 -m none -V "$seconds" \
  -- dotnet "$publish/SeedSearch.Fuzz.dll" "$target" 2>&1 | head -c 10000000 >"$out/afl.log" || {
  tail -n 30 "$out/afl.log" >&2
  echo "fuzz $target: afl-fuzz failed (log: $out/afl.log)" >&2
  exit 2
}
rm -rf "$TMPDIR"

stats="$out/default/fuzzer_stats"
stat() { sed -n "s/^$1 *: *//p" "$stats"; }
crashes="$(stat saved_crashes)"
echo "fuzz $target: $(stat run_time) s, $(stat execs_done) executions ($(stat execs_per_sec)/s)," \
  "$(stat corpus_count) paths, edge coverage $(stat bitmap_cvg), $crashes crashes, $(stat saved_hangs) hangs; findings in $out/default"
[ "$crashes" -eq 0 ]
