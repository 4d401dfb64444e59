#!/usr/bin/env bash
# The test command. Installs the real peers and servers the tests talk to when they are missing
# (Debian packages, npm), then runs every test in the solution. A missing peer fails the tests;
# nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

say() { printf '\n== %s\n' "$*"; }

# --- Real peers and servers -------------------------------------------------------------------
# Everything is named: installs use --no-install-recommends, so nothing else comes along.
# python3-grpcio + python3-protobuf: the Python gRPC peers and the concierge desk (C-core grpcio).
# protobuf-compiler (protoc) + protobuf-compiler-grpc (grpc_python_plugin): their code generators.
# libprotobuf-dev: the well-known .proto files (google/protobuf/timestamp.proto, ...) in /usr/include,
#   which protoc needs for our contracts; the desk's code generation uses nothing else.
# nghttp2-client: h2load for the transport benchmark. postgresql: the grain storage tests.
# chromium: the dashboard browser tests (driven by Playwright with ExecutablePath=/usr/bin/chromium).
apt_packages=(python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc libprotobuf-dev nghttp2-client postgresql chromium)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "tests/run.sh: need root to install ${missing[*]} (or install them yourself)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

say "Node grpc-js peer (npm ci)"
(cd tests/interop/peers/node && npm ci --no-audit --no-fund --loglevel=error)

# --- Roslyn-free: nothing of Roslyn ships, and nothing compiles C# at runtime ------------------
# Orleans' packages declare Roslyn as a dependency (pruned in Directory.Build.targets, whose guard also fails the
# build), so the package graph may name it; what matters is what ships: the published host and C# modules.
say "Restoring and building"
dotnet restore Collaborative.sln --verbosity quiet
dotnet build Collaborative.sln --no-restore --verbosity quiet -nologo
say "Publishing the host and the C# modules: Roslyn-free"
published=$(mktemp -d)
for project in host/Collaborative.Host plugins/EndOfLifeRegister plugins/GoldLine plugins/CoachingAcademy; do
  dotnet publish "$project" --no-restore --verbosity quiet -nologo -o "$published/$(basename "$project")"
done
roslyn=$(find "$published" -iname 'Microsoft.CodeAnalysis*' | sort)
rm -rf "$published"
if [ -n "$roslyn" ]; then
  echo "$roslyn"
  echo "FAIL: a Microsoft.CodeAnalysis file is in a published output (above)" >&2
  exit 1
fi
# No code compiles or emits C# at runtime: no shipped source names a compiler, a script engine or Reflection.Emit.
compilers=$(grep -rlE 'Microsoft\.CodeAnalysis|CSharpScript|System\.Reflection\.Emit|AssemblyBuilder' --include='*.cs' host sdk plugins | grep -v -e '/obj/' -e '/bin/' || true)
if [ -n "$compilers" ]; then
  echo "$compilers"
  echo "FAIL: shipped code compiles or emits code at runtime (above)" >&2
  exit 1
fi
echo "ok: no Microsoft.CodeAnalysis file in the published host or C# modules; no runtime compilation"

# --- The peers agree with each other before we test against them -----------------------------
say "Interop peers self-check (Python grpcio <-> Node grpc-js)"
bash tests/interop/peers/selfcheck.sh

# --- Every test in the solution -----------------------------------------------------------------
say "dotnet test"
log=$(mktemp)
set +e
# Quiet build output, but a failed test's message and stack trace in the log (quiet alone hides them).
dotnet test Collaborative.sln --no-restore --verbosity quiet -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo
echo "tests: $passed passed, $failed failed"
exit "$status"
