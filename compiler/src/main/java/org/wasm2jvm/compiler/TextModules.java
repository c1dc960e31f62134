package org.wasm2jvm.compiler;

import java.nio.charset.StandardCharsets;
import org.wasm2jvm.compiler.text.WatParser;

/** Bridge to the text-format parser: a text module to its binary encoding. */
final class TextModules {
    private TextModules() {
    }

    static byte[] toBinary(byte[] text) {
        return WatParser.parseModule(new String(text, StandardCharsets.UTF_8));
    }
}
