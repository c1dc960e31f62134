package org.wasm2jvm.bench.harness;

import java.io.IOException;
import java.util.List;

/** A way to run a benchmark program as its own process: native, wasm2jvm, node, Chicory, wasmtime... */
public interface Runtime {
    /** Short name used in tables, e.g. {@code wasm2jvm-eager}. */
    String name();

    /** Null when the runtime can run here, else why not (the runtime is then listed as skipped). */
    String unavailableReason();

    /** The command line for one run; may prepare files first (e.g. compile an AOT jar once). */
    List<String> command(BenchRun run) throws IOException, InterruptedException;

    /** Which empty process is subtracted from its system-call counts. */
    Baseline baseline();

    /** A line for the results' runtime list: version, mode, flags. */
    default String description() {
        return "";
    }

    enum Baseline { NATIVE, JVM, NODE, NONE }
}
