#!/usr/bin/env bash
# Builds every benchmark program natively from the same sources as the wasm builds:
#   testdata/bench/build-native.sh [OUTDIR]     -> OUTDIR/<prog> (default testdata/target/bench/native)
# gcc -O2, no -march (no FMA contraction, so floating-point results match the wasm builds).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$here/../target/bench/native}
CC=${CC:-gcc}
if ! command -v "$CC" >/dev/null 2>&1; then
    echo "build-native.sh: '$CC' not found (apt-get install -y gcc)" >&2
    exit 1
fi
mkdir -p "$OUT"
for src in "$here"/src/*.c; do
    name=$(basename "$src" .c)
    "$CC" -O2 -Wall -Werror "$src" -o "$OUT/$name" -lm
    echo "built $OUT/$name"
done
