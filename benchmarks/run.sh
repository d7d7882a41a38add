#!/usr/bin/env bash
# Runs the full LossGen peer comparison: verify every implementation first, then time all suites
# (SVM, softmax cross-entropy, Adam, bandwidth reference) in one joined BenchmarkDotNet table.
#
# Usage: benchmarks/run.sh [extra BenchmarkDotNet args...]
#   JOB=tuned   (default) 1 launch, 5 warmup + 20 measured iterations of ~250 ms each:
#               about 8 s per case: 5–8 minutes for all 31 cases on the shared 2-core machine.
#   JOB=short   BenchmarkDotNet's ShortRun (3 warmup + 3 measured): 2–5 minutes, noisy; for quick checks.
#   JOB=default BenchmarkDotNet's default heuristics: most precise, 15–30 minutes.
# Extra args go to BenchmarkDotNet, e.g. `benchmarks/run.sh --filter '*Adam*'` (the default filter is '*').
# Results: BenchmarkDotNet.Artifacts/results/ under benchmarks/ (markdown, CSV, HTML; the log beside it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/LossGen.Benchmarks/LossGen.Benchmarks.csproj"
artifacts="$here/BenchmarkDotNet.Artifacts"

dotnet build "$project" -c Release --nologo -v quiet

# A wrong kernel's timing is meaningless; stop here if any implementation disagrees with the reference.
dotnet run --project "$project" -c Release --no-build -- --verify

case "${JOB:-tuned}" in
  tuned)   job_args=(--launchCount 1 --warmupCount 5 --iterationCount 20 --iterationTime 250) ;;
  short)   job_args=(--job short) ;;
  default) job_args=() ;;
  *) echo "run.sh: unknown JOB '${JOB}' (tuned|short|default)" >&2; exit 2 ;;
esac

filter=(--filter '*')
for arg in "$@"; do
  if [[ "$arg" == --filter || "$arg" == -f ]]; then filter=(); fi
done

# --join puts every suite in one table, so the bandwidth rows sit next to the kernels they bound.
dotnet run --project "$project" -c Release --no-build -- \
  "${filter[@]}" "${job_args[@]}" --join --artifacts "$artifacts" "$@"
