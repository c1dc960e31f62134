package org.wasm2jvm.cli;

import java.io.PrintStream;

/** Where a CLI invocation writes, and whether it was asked to be verbose. */
record Console(PrintStream out, PrintStream err, boolean verbose) {}
