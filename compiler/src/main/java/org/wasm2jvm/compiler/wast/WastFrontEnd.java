package org.wasm2jvm.compiler.wast;

import java.util.List;

/**
 * The text-format front end the runner needs: reads a whole script, and encodes the text of a
 * {@code (module quote ...)} when it is run. Both throw {@link org.wasm2jvm.api.ModuleException}
 * (kind MALFORMED) for text that does not parse.
 */
public interface WastFrontEnd {
    List<WastCommand> parseScript(String script);

    byte[] parseQuotedModule(String text);
}
