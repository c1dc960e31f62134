package org.wasm2jvm.compiler.cache;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.util.List;
import java.util.stream.Stream;
import org.wasm2jvm.compiler.WasmCompiler;
import org.wasm2jvm.runtime.InstanceBase;

/**
 * Identifies the compiler build that generated cached classes: the cache format, and the
 * name, size and modification time of the jar (or of every class file, when running from
 * build directories) holding the compiler and the runtime-support classes that generated code
 * links against. Any rebuild therefore changes it, without reading the classes themselves
 * (which would cost more than the cache saves on small modules). 16 hex digits.
 */
public final class CompilerFingerprint {
    private static volatile String value;

    private CompilerFingerprint() {
    }

    public static String get() {
        String v = value;
        if (v == null) {
            v = compute();
            value = v;
        }
        return v;
    }

    private static String compute() {
        StringBuilder sb = new StringBuilder("format=").append(CacheEntryFormat.VERSION).append('\n');
        for (Class<?> c : List.of(WasmCompiler.class, InstanceBase.class)) {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                sb.append("unknown:").append(System.nanoTime()); // never reuse what we cannot identify
                continue;
            }
            try {
                describe(Path.of(cs.getLocation().toURI()), sb);
            } catch (URISyntaxException | IOException | RuntimeException e) {
                sb.append("unreadable:").append(System.nanoTime());
            }
        }
        return CacheKey.sha256(sb.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static void describe(Path location, StringBuilder sb) throws IOException {
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    append(location.relativize(p).toString(), p, sb);
                }
            }
        } else {
            append(location.toString(), location, sb);
        }
    }

    private static void append(String name, Path p, StringBuilder sb) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        sb.append(name).append(' ').append(a.size()).append(' ').append(a.lastModifiedTime().toMillis()).append('\n');
    }
}
