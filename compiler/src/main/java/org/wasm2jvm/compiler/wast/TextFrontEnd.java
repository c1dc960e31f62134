package org.wasm2jvm.compiler.wast;

import java.util.List;
import org.wasm2jvm.compiler.text.WastParser;
import org.wasm2jvm.compiler.text.WatParser;

/** The project's own text-format parsers as the runner's front end. */
final class TextFrontEnd implements WastFrontEnd {
    static final TextFrontEnd INSTANCE = new TextFrontEnd();

    private TextFrontEnd() {}

    @Override
    public List<WastCommand> parseScript(String script) {
        return WastParser.parse(script);
    }

    @Override
    public byte[] parseQuotedModule(String text) {
        return WatParser.parseModule(text);
    }
}
