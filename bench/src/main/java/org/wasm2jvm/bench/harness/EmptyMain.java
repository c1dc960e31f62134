package org.wasm2jvm.bench.harness;

/** The empty JVM the harness measures as a baseline: its start-up time and its system calls. */
public final class EmptyMain {
    private EmptyMain() {
    }

    public static void main(String[] args) {
    }
}
