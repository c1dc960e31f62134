package org.wasm2jvm.compiler;

import java.nio.charset.StandardCharsets;
import org.wasm2jvm.compiler.text.WatParser;

/** Bridge to the text-format parser: a text module to its binary encoding. */
public final class TextModules {
    private TextModules() {
    }

    /** The binary encoding of a module given as binary (returned as is) or text (as {@link WasmCompiler#decode} tells them apart). */
    public static byte[] binaryOf(byte[] bytes) {
        return WasmCompiler.looksLikeText(bytes) ? toBinary(bytes) : bytes;
    }

    static byte[] toBinary(byte[] text) {
        return WatParser.parseModule(new String(text, StandardCharsets.UTF_8));
    }
}
