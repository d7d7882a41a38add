#!/usr/bin/env bash
# Brings src/LossGen/PublicAPI.Unshipped.txt up to date with the library's public surface.
#
# The PublicApiAnalyzers code fix is an IDE action and cannot be run from the command line, so
# this script does what it would: it builds src/LossGen, reads the analyzer's diagnostics and edits
# the file the way the fix does. RS0016 (a public symbol not listed in either file) appends the
# symbol to Unshipped; RS0017 (a listed symbol that is gone) deletes it from Unshipped, or, when it
# is in Shipped, records it as "*REMOVED*<symbol>" in Unshipped so the removal of shipped API is
# itself a reviewed line. Then it builds again and fails if any RS0016/RS0017 is left.
#
#   eng/refresh-public-api.sh          refresh Unshipped after changing the public API
#   eng/refresh-public-api.sh --ship   at a release: fold Unshipped into Shipped (applying the
#                                      *REMOVED* lines) and leave Unshipped empty
#
# Review the diff of the two files before committing it: it is the public change.
set -euo pipefail
cd "$(dirname "$0")/.."
proj=src/LossGen/LossGen.csproj
shipped=src/LossGen/PublicAPI.Shipped.txt
unshipped=src/LossGen/PublicAPI.Unshipped.txt
header='#nullable enable'
export LC_ALL=C # ordinal sort, the order the code fix keeps

# Writes the entries on stdin to $1 under the header, sorted and without duplicates.
write_sorted() {
    { echo "$header"; grep -v -e "^$header\$" -e '^$' | sort -u; } > "$1.tmp" || true
    mv "$1.tmp" "$1"
}

if [[ "${1:-}" == "--ship" ]]; then
    removed=$(sed -n 's/^\*REMOVED\*//p' "$unshipped")
    { grep -vxF -f <(printf '%s\n' "$removed" | sed '/^$/d') "$shipped" || true
      grep -v '^\*REMOVED\*' "$unshipped" || true; } | write_sorted "$shipped"
    echo "$header" > "$unshipped"
    echo "Unshipped folded into $shipped."
    exit 0
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# --no-incremental: an up-to-date build skips the compiler and so reports no diagnostics.
dotnet build "$proj" -c Release --no-incremental -nologo > "$log" 2>&1 || true
if grep -q ': error CS' "$log"; then
    grep ': error CS' "$log" | sort -u >&2
    echo "The library does not compile; fix that first." >&2
    exit 1
fi

added=$(sed -n "s/.*: error RS0016: Symbol '\(.*\)' is not part of the declared public API.*/\1/p" "$log" | sort -u)
gone=$(sed -n "s/.*: error RS0017: Symbol '\(.*\)' is part of the declared API, but is either not public or could not be found.*/\1/p" "$log" | sort -u)

{
    cat "$unshipped"
    printf '%s\n' "$added"
    # A gone symbol that was shipped is recorded as removed; one that was not is simply dropped below.
    while IFS= read -r s; do
        if [[ -n "$s" ]] && grep -qxF -- "$s" "$shipped"; then echo "*REMOVED*$s"; fi
    done <<< "$gone"
} | grep -vxF -f <(printf '%s\n' "$gone" | sed '/^$/d') | write_sorted "$unshipped"

echo "RS0016 added: $(printf '%s' "$added" | grep -c . || true); RS0017 gone: $(printf '%s' "$gone" | grep -c . || true)."

dotnet build "$proj" -c Release -nologo > "$log" 2>&1 || true
if grep -q ': error RS001[67]' "$log"; then
    grep ': error RS001[67]' "$log" | sort -u >&2
    echo "Diagnostics remain after the refresh (see above)." >&2
    exit 1
fi
echo "PublicAPI files match the build."
