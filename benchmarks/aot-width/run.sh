#!/usr/bin/env bash
# Publishes AotWidth.cs with NativeAOT once per instruction set and runs each binary, then the
# same program under the JIT for reference. Usage: benchmarks/aot-width/run.sh [sets...]
# (default: the NativeAOT default, x86-64-v3, x86-64-v4, native). Results: benchmarks/results/aot-width.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d /tmp/lossgen-aot-width.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cat >"$work/AotWidth.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/LossGen/LossGen.csproj" />
  </ItemGroup>
</Project>
PROJ
cp "$here/AotWidth.cs" "$work/Program.cs"
sets=("$@"); [ ${#sets[@]} -gt 0 ] || sets=(default x86-64-v3 x86-64-v4 native)
uptime
for set in "${sets[@]}"; do
  extra=(); [ "$set" = default ] || extra=(-p:IlcInstructionSet="$set")
  dotnet publish "$work" -c Release -r linux-x64 -p:PublishAot=true "${extra[@]}" -o "$work/out-$set" --nologo -v q >/dev/null
done
dotnet build "$work" -c Release --nologo -v q >/dev/null
# Interleaved rounds, so a change in the machine's load hits every variant alike.
for round in 1 2 3; do
  echo "---- round $round: $(uptime)"
  for set in "${sets[@]}"; do
    echo "== NativeAOT, IlcInstructionSet=$set ($(stat -c %s "$work/out-$set/AotWidth") bytes)"
    "$work/out-$set/AotWidth"
  done
  echo "== JIT"
  dotnet "$work/bin/Release/net10.0/AotWidth.dll"
done
