#!/usr/bin/env bash
# What LossGen adds to a build. Generates a project of N declarations (default 200, ten kinds of
# loss and regularizer with varied constants) and times clean Release builds of it twice: with the
# LossGen generator and analyzer as analyzers, and without them (the runtime reference only; the
# declarations still type-check as ordinary C#, they just get no generated members). The
# difference is the generator's and the analyzer's cost. Uses hyperfine when installed
# (apt-get install hyperfine), else bash's `time`. Finally one build with -p:ReportAnalyzer=true
# prints the compiler's own account of the time spent in each generator and analyzer.
#
#   benchmarks/build-cost/run.sh            # 200 declarations, 5 timed builds each
#   DECLARATIONS=50 RUNS=3 benchmarks/build-cost/run.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# Outside the repository, so the generated project does not inherit its Directory.Build.props.
work=${WORK_DIR:-${TMPDIR:-/tmp}/lossgen-build-cost}
count=${DECLARATIONS:-200}
runs=${RUNS:-5}

echo "== building LossGen (Release)"
dotnet build "$root/src/LossGen/LossGen.csproj" -c Release -nologo -v q >/dev/null
runtime=$root/src/LossGen/bin/Release/net10.0/LossGen.dll
generator=$root/generators/LossGen.Generator/bin/Release/netstandard2.0/LossGen.Generator.dll
analyzer=$root/analyzers/LossGen.Analyzers/bin/Release/netstandard2.0/LossGen.Analyzers.dll
for f in "$runtime" "$generator" "$analyzer"; do [[ -f $f ]] || { echo "missing $f" >&2; exit 1; }; done

echo "== generating $count declarations in $work"
rm -rf "$work"
mkdir -p "$work/src" "$work/with" "$work/without"

# One declaration of kind n % 10, with constants that depend on n so no two files are equal.
declaration() {
    local n=$1 c="1.$((n % 97))f" name="Decl$1"
    local head="using LossGen;
using static LossGen.Dsl;

namespace BuildCost;
"
    case $((n % 10)) in
    0) printf '%s\n[Loss]\npublic partial struct %s\n{\n    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float delta = %s)\n        => Mean(i => Sum(j => j == y[i] ? 0f : Max(0f, s[i, j] - s[i, y[i]] + delta)));\n}\n' "$head" "$name" "$c" ;;
    1) printf '%s\n[Loss]\npublic partial struct %s\n{\n    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float t = %s)\n        => Mean(i => LogSumExp(j => s[i, j] / t) - s[i, y[i]] / t);\n}\n' "$head" "$name" "$c" ;;
    2) printf '%s\n[Loss]\npublic partial struct %s\n{\n    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float delta = %s)\n        => Mean(i => Sum(j => j == y[i] ? 0f : Sqr(Max(0f, s[i, j] - s[i, y[i]] + delta))));\n}\n' "$head" "$name" "$c" ;;
    3) printf '%s\n[Loss]\npublic partial struct %s\n{\n    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D")] Tensor w, [Const, Shape("N")] Tensor y, float m = %s)\n        => Mean(i => Max(0f, m - y[i] * Sum(k => X[i, k] * w[k])));\n}\n' "$head" "$name" "$c" ;;
    4) printf '%s\n[Loss]\npublic partial struct %s\n{\n    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D")] Tensor w, [Const, Shape("N")] Tensor y)\n        => %s * Mean(i => Sqr(y[i] - Sum(k => X[i, k] * w[k])));\n}\n' "$head" "$name" "$c" ;;
    5) printf '%s\n[Loss]\npublic partial struct %s\n{\n    static float Define([Const] Tensor X, Tensor w, [Const] Tensor t, float delta = %s)\n    {\n        var r = Tensor.Of(i => Sum(k => X[i, k] * w[k]) - t[i]);\n        return Mean(i => Abs(r[i]) <= delta ? 0.5f * Sqr(r[i]) : delta * (Abs(r[i]) - 0.5f * delta));\n    }\n}\n' "$head" "$name" "$c" ;;
    6) printf '%s\n[Regularizer]\npublic partial struct %s\n{\n    static float Define([Shape("P")] Tensor w, float beta = %s) => Sum(k => beta * Sqr(w[k]) + Abs(w[k]));\n}\n' "$head" "$name" "$c" ;;
    7) printf '%s\n[Loss]\npublic partial struct %s\n{\n    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D", "C")] Tensor W, [Shape("C")] Tensor b,\n                        [Shape("N")] Labels y, float lambda = %s)\n    {\n        var s = Tensor.Of((i, j) => Sum(k => X[i, k] * W[k, j]) + b[j]);\n        return Mean(i => LogSumExp(j => s[i, j]) - s[i, y[i]]) + lambda * Sum((k, j) => Sqr(W[k, j]));\n    }\n}\n' "$head" "$name" "$c" ;;
    8) printf '%s\n[Loss]\npublic partial struct %s\n{\n    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D")] Tensor w, [Const, Shape("N")] Tensor y)\n        => Mean(i => Softplus(-%s * y[i] * Sum(k => X[i, k] * w[k])));\n}\n' "$head" "$name" "$c" ;;
    9) printf '%s\n[Loss]\npublic partial struct %s\n{\n    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D", "C")] Tensor W, [Shape("C")] Tensor b,\n                        [Shape("N")] Labels y, float delta = %s, float lambda = 1e-3f)\n    {\n        var s = Tensor.Of((i, j) => Sum(k => X[i, k] * W[k, j]) + b[j]);\n        return Mean(i => Sum(j => j == y[i] ? 0f : Max(0f, s[i, j] - s[i, y[i]] + delta)))\n               + lambda * Sum((k, j) => Sqr(W[k, j]));\n    }\n}\n' "$head" "$name" "$c" ;;
    esac
}
for ((n = 0; n < count; n++)); do declaration "$n" > "$work/src/Decl$n.cs"; done

# The two projects differ only in the Analyzer items.
project() {
    cat <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <!-- Without the generator the DSL methods are declared but never called. -->
    <NoWarn>\$(NoWarn);CS8321;IDE0051</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="../src/*.cs" />
    <Reference Include="LossGen" HintPath="$runtime" />
$1
  </ItemGroup>
</Project>
XML
}
project "    <Analyzer Include=\"$generator\" />
    <Analyzer Include=\"$analyzer\" />" > "$work/with/BuildCost.csproj"
project "" > "$work/without/BuildCost.csproj"

for p in with without; do dotnet restore "$work/$p/BuildCost.csproj" -nologo -v q >/dev/null; done

build() { echo "dotnet build $work/$1/BuildCost.csproj -c Release --no-restore -nologo -v q"; }
clean() { echo "rm -rf $work/$1/bin $work/$1/obj/Release"; }

echo "== clean Release builds, $runs runs each (after one warm-up)"
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs "$runs" --style basic --export-markdown "$work/results.md" \
        -n "with LossGen" --prepare "$(clean with)" "$(build with)" \
        -n "without LossGen" --prepare "$(clean without)" "$(build without)"
    echo; cat "$work/results.md"
else
    for p in with without; do
        eval "$(clean $p)"; eval "$(build $p)" >/dev/null
        for ((r = 1; r <= runs; r++)); do
            eval "$(clean $p)"
            start=$(date +%s.%N); eval "$(build $p)" >/dev/null; end=$(date +%s.%N)
            printf '%-8s run %d: %.2f s\n' "$p" "$r" "$(echo "$end - $start" | bc)"
        done
    done
fi

echo; echo "== output sizes (the generated kernels are the difference)"
ls -l "$work/with/bin/Release/net10.0/BuildCost.dll" "$work/without/bin/Release/net10.0/BuildCost.dll" | awk '{print $5, $9}'

echo; echo "== the compiler's account of generator and analyzer time (one clean build, -p:ReportAnalyzer=true)"
eval "$(clean with)"
dotnet build "$work/with/BuildCost.csproj" -c Release --no-restore -nologo -v:d -p:ReportAnalyzer=true 2>&1 \
    | grep -E "^ *(Total (analyzer|generator) execution time|[0-9.<]+ +[0-9<]+ +LossGen\.)" | sed 's/^ *//' | sort -u
