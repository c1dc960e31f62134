#!/bin/sh
# Rebuilds the inspector's layout test modules (clang 14 + wasi-libc, as testdata/build.sh).
# layout.wasm exports the layout globals; stack-first.wasm puts a 16 KiB stack below the data.
set -eu
cd "$(dirname "$0")"
CC="clang --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Werror -Wl,--strip-debug"
$CC -Wl,--export=__heap_base -Wl,--export=__data_end -Wl,--export=__global_base -o layout.wasm layout.c
$CC -Wl,--stack-first -Wl,-z,stack-size=16384 -Wl,--export=__heap_base -Wl,--export=__data_end \
    -o stack-first.wasm layout.c
