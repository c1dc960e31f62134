package org.wasm2jvm.model;

/**
 * Limits of a memory (in 64 KiB pages) or a table (in elements). {@code max} is -1 when absent.
 *
 * @see <a href="https://webassembly.github.io/spec/core/syntax/types.html#limits">Spec 2.3.7 Limits</a>
 */
public record Limits(long min, long max) {
    public boolean hasMax() {
        return max >= 0;
    }
}
