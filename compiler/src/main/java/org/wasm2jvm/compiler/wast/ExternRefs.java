package org.wasm2jvm.compiler.wast;

import java.util.HashMap;
import java.util.Map;

/** Hands out one {@link ExternRef} per number, for the lifetime of one script run. */
final class ExternRefs {
    private final Map<Long, ExternRef> byNumber = new HashMap<>();

    ExternRef get(long n) {
        return byNumber.computeIfAbsent(n, ExternRef::new);
    }
}
