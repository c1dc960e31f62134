package org.wasm2jvm.bench.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads WASI call counts out of {@code wasm2jvm run --stats=json} output, whose {@code wasi}
 * object lists {@code {"function":"fd_write","calls":12,...}} entries (see the CLI's
 * {@code RunStats}).
 */
final class WasiCallStats {
    private static final Pattern ENTRY = Pattern.compile(
            "\\{\\s*\"function\"\\s*:\\s*\"([a-z_]+)\"\\s*,\\s*\"calls\"\\s*:\\s*(\\d+)");

    private WasiCallStats() {
    }

    static Map<String, Long> parse(String text) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(text);
        while (m.find()) counts.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
        return counts;
    }
}
