#!/usr/bin/env bash
# Writes the benchmark input files into OUTDIR (the directory the runs preopen as /data):
#   testdata/bench/gen-data.sh OUTDIR [small] [medium] [large] [scaled]    (default: all four)
# fec-small.txt (40 rows), fec-medium.txt (4,000), fec-large.txt (40,000), fec-scaled.txt
# (4,000,000 rows, about 690 MB), made by gen/fec-gen.c (compiled with gcc) from a fixed seed:
# the same bytes on every machine. Also copies iris.csv and message.txt from data/.
# Files already there with the right size are kept.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 1 ]; then
    echo "usage: gen-data.sh OUTDIR [small] [medium] [large] [scaled]" >&2
    exit 2
fi
OUT=$1
shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(small medium large scaled)
CC=${CC:-gcc}
mkdir -p "$OUT"
cp "$here/data/iris.csv" "$here/data/message.txt" "$OUT/"

gen="$OUT/.fec-gen"
"$CC" -O2 -Wall -Werror "$here/gen/fec-gen.c" -o "$gen"
for size in "${sizes[@]}"; do
    case $size in
        small) rows=40 ;;
        medium) rows=4000 ;;
        large) rows=40000 ;;
        scaled) rows=4000000 ;;
        *) echo "gen-data.sh: unknown size '$size' (small, medium, large, scaled)" >&2; exit 2 ;;
    esac
    file="$OUT/fec-$size.txt"
    if [ -f "$file" ] && [ "$(wc -l <"$file")" -eq "$rows" ]; then
        echo "kept $file"
        continue
    fi
    "$gen" "$rows" >"$file.tmp"
    mv "$file.tmp" "$file"
    echo "wrote $file ($rows rows)"
done
rm -f "$gen"
