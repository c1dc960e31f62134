package org.wasm2jvm.cli;

import picocli.CommandLine.Option;

/**
 * The {@code -v} flag every command accepts. Its effect is decided before parsing (see
 * {@link Main#isVerbose(String[])}) because logging must be configured before any logger exists;
 * this mixin only makes picocli accept and document it.
 */
final class VerboseOption {
    @Option(names = {"-v", "--verbose"}, description = "Print every failure, debug logging, and stack traces of errors.")
    boolean verbose;
}
