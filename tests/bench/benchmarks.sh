#!/usr/bin/env bash
# Runs the benchmark project's subcommands (tests/Collaborative.Benchmarks) in Release, one after another, and
# prints each one's output (a markdown table, with its baseline measured in the same run) and, at the end, every
# subcommand's last line: name=value pairs, for scripts and for the README's Performance tables.
#
#   tests/bench/benchmarks.sh                      ingest dashboard grains startup
#   tests/bench/benchmarks.sh ingest grains        just those
#   tests/bench/benchmarks.sh all                  also programme and gateway
#   BUILD=0 tests/bench/benchmarks.sh ...          skip the builds
#
# Options after `--` go to every subcommand, e.g. `tests/bench/benchmarks.sh ingest -- --postgres 0`.
# Builds: the host and the benchmarks in Release; the plugins in plugins/ as their manifests run them (Debug);
# for gateway, the host tests in Release (the test module). ingest starts a PostgreSQL with tests/postgres.sh
# (Debian's postgresql; `tests/postgres.sh install`). Exits non-zero when a subcommand fails to run; a floor
# that is not met is printed as FAIL in its output, not an exit code: benchmarks are not CI tests.
set -euo pipefail
cd "$(dirname "$0")/../.."

subcommands=()
passthrough=()
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; passthrough=("$@"); break ;;
    all) subcommands+=(ingest dashboard grains startup programme gateway) ;;
    *) subcommands+=("$1") ;;
  esac
  shift
done
[ ${#subcommands[@]} -gt 0 ] || subcommands=(ingest dashboard grains startup)

if [ "${BUILD:-1}" != 0 ]; then
  dotnet build -c Release host/Collaborative.Host -v q -nologo
  dotnet build -c Release tests/Collaborative.Benchmarks -v q -nologo
  for subcommand in "${subcommands[@]}"; do
    case "$subcommand" in
      dashboard|startup)
        for project in plugins/*/*.csproj; do
          # The shared library builds with the plugins that use it.
          [ "$(basename "$project" .csproj)" = Collaborative.Plugins.Modules ] || dotnet build "$project" -v q -nologo
        done
        break ;;
    esac
  done
  for subcommand in "${subcommands[@]}"; do
    [ "$subcommand" != gateway ] || dotnet build -c Release tests/Collaborative.Host.Tests -v q -nologo
  done
fi

bench=tests/Collaborative.Benchmarks/bin/Release/net10.0/Collaborative.Benchmarks.dll
summary=()
for subcommand in "${subcommands[@]}"; do
  echo
  echo "## $subcommand ($(date -u +%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  output=$(mktemp)
  dotnet "$bench" "$subcommand" "${passthrough[@]}" | tee "$output"
  summary+=("$subcommand: $(tail -n 1 "$output")")
  rm -f "$output"
done

echo
echo "## last lines"
echo
printf '%s\n' "${summary[@]}"
