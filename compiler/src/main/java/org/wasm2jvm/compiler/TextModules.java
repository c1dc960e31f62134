package org.wasm2jvm.compiler;

/** Bridge to the text-format parser: a text module to its binary encoding. */
final class TextModules {
    private TextModules() {
    }

    static byte[] toBinary(byte[] text) {
        throw WasmCompiler.notAModule();
    }
}
