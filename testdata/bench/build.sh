#!/usr/bin/env bash
# Rebuilds testdata/wasm/bench/<prog>.wasm from testdata/bench/src/<prog>.c with clang for
# wasm32-wasi, with the same flags as testdata/build.sh (which calls this script): -O2, the
# "name" section kept, DWARF dropped (-Wl,--strip-debug). Reproducible byte for byte.
# Toolchain (Debian 12): apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32
set -euo pipefail
cd "$(dirname "$0")"

CLANG=${CLANG:-clang}
SYSROOT=${WASI_SYSROOT:-/usr}
OUT=${1:-../wasm/bench}
if ! command -v "$CLANG" >/dev/null 2>&1; then
    echo "bench/build.sh: '$CLANG' not found. Install: apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32" >&2
    exit 1
fi
if [ ! -f "$SYSROOT/lib/wasm32-wasi/libc.a" ]; then
    echo "bench/build.sh: no wasi-libc under $SYSROOT/lib/wasm32-wasi (apt-get install -y wasi-libc, or set WASI_SYSROOT)" >&2
    exit 1
fi

CFLAGS=(--target=wasm32-wasi "--sysroot=$SYSROOT" -O2 -Wall -Werror)
LDFLAGS=(-Wl,--strip-debug -lm)

mkdir -p "$OUT"
for src in src/*.c; do
    name=$(basename "$src" .c)
    out="$OUT/$name.wasm"
    "$CLANG" "${CFLAGS[@]}" "$src" -o "$out" "${LDFLAGS[@]}"
    if command -v wasm-objdump >/dev/null 2>&1; then
        if ! wasm-objdump -h "$out" | grep -q '"name"'; then
            echo "bench/build.sh: $out has no name section" >&2
            exit 1
        fi
    fi
    echo "built $out ($(wc -c <"$out") bytes)"
done
