#!/usr/bin/env bash
# Rebuilds every testdata/wasm/*.wasm from testdata/c/*.c with clang for wasm32-wasi.
#
# Toolchain (Debian 12): apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32
# wasi-libc installs its sysroot under /usr (headers in /usr/include/wasm32-wasi, crt1 and
# libc.a in /usr/lib/wasm32-wasi), so --sysroot=/usr.
#
# Names for backtraces: wasm-ld keeps the "name" section unless told to strip (-s or
# -Wl,--strip-all). Debian's libc.a carries DWARF, which clang would copy into every binary
# (about 40 KB of .debug_* sections each), so we link with -Wl,--strip-debug: it drops the
# .debug_* sections and keeps "name". The check at the end fails if "name" ever goes missing.
#
# The outputs are reproducible: same compiler, same sources -> same bytes (no paths or times
# end up in the binary once the DWARF is stripped). Set CLANG to use another clang.
set -euo pipefail
cd "$(dirname "$0")"

CLANG=${CLANG:-clang}
SYSROOT=${WASI_SYSROOT:-/usr}
if ! command -v "$CLANG" >/dev/null 2>&1; then
    echo "build.sh: '$CLANG' not found. Install: apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32" >&2
    exit 1
fi
if [ ! -f "$SYSROOT/lib/wasm32-wasi/libc.a" ]; then
    echo "build.sh: no wasi-libc under $SYSROOT/lib/wasm32-wasi (apt-get install -y wasi-libc, or set WASI_SYSROOT)" >&2
    exit 1
fi

CFLAGS=(--target=wasm32-wasi "--sysroot=$SYSROOT" -O2 -Wall -Werror -Wno-unused-result)
LDFLAGS=(-Wl,--strip-debug)

mkdir -p wasm
for src in c/*.c; do
    name=$(basename "$src" .c)
    out="wasm/$name.wasm"
    "$CLANG" "${CFLAGS[@]}" "$src" -o "$out" "${LDFLAGS[@]}"
    if command -v wasm-objdump >/dev/null 2>&1; then
        if ! wasm-objdump -h "$out" | grep -q '"name"'; then
            echo "build.sh: $out has no name section" >&2
            exit 1
        fi
    fi
    echo "built $out ($(wc -c <"$out") bytes)"
done

# The benchmark programs (testdata/bench/src -> testdata/wasm/bench), same flags. Absent when
# this script runs from a copy holding only c/ (the rebuild check in TestdataProgramsTest).
if [ -f bench/build.sh ]; then
    bash bench/build.sh
fi
