package org.wasm2jvm.compiler.wast;

import java.util.List;

/** The project's own text-format parsers as the runner's front end. */
final class TextFrontEnd implements WastFrontEnd {
    static final TextFrontEnd INSTANCE = new TextFrontEnd();

    private TextFrontEnd() {}

    @Override
    public List<WastCommand> parseScript(String script) {
        // TODO(runner): org.wasm2jvm.compiler.text.WastParser.parse(script) once it lands in main
        throw new UnsupportedOperationException("WAST parser not available yet");
    }

    @Override
    public byte[] parseQuotedModule(String text) {
        // TODO(runner): org.wasm2jvm.compiler.text.WatParser.parseModule(text) once it lands in main
        throw new UnsupportedOperationException("WAT parser not available yet");
    }
}
