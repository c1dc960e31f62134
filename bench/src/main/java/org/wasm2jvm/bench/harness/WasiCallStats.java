package org.wasm2jvm.bench.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads WASI call counts out of {@code wasm2jvm run --stats=json} output: every
 * {@code "fd_write": 12}-style pair whose key is a WASI preview1 function name, wherever it sits
 * in the JSON, so the table works whatever the exact layout of the stats object is.
 */
final class WasiCallStats {
    private static final Pattern PAIR = Pattern.compile(
            "\"((?:args|environ|clock|fd|path|poll|proc|random|sched|sock)_[a-z_]+)\"\\s*:\\s*(?:\\{[^}]*?\"calls\"\\s*:\\s*)?(\\d+)");

    private WasiCallStats() {
    }

    static Map<String, Long> parse(String text) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher m = PAIR.matcher(text);
        while (m.find()) counts.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
        return counts;
    }
}
