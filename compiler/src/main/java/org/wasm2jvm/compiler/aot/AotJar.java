package org.wasm2jvm.compiler.aot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a runnable jar deterministically: the manifest first, then every entry sorted by name,
 * each with the same fixed local time ({@link ZipEntry#setTimeLocal}, which stores the MS-DOS
 * date fields as given, whatever the default time zone — {@code setTime} converts through it),
 * no extra fields, no directories and nothing from the build machine.
 */
public final class AotJar {
    /** 1980-02-01 00:00, the earliest time every zip tool reads back without time-zone trouble. */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

    private AotJar() {
    }

    /**
     * @param module the compiled module (with a main class)
     * @param runtime classes to add, e.g. {@link RuntimeClasses#of}; a name clash keeps the module's entry
     */
    public static void write(OutputStream out, AotOutput module, Map<String, byte[]> runtime) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>(runtime);
        entries.putAll(module.entries());
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "META-INF/MANIFEST.MF", manifest(module));
            for (Map.Entry<String, byte[]> e : entries.entrySet()) put(zip, e.getKey(), e.getValue());
        }
    }

    private static byte[] manifest(AotOutput module) {
        StringBuilder sb = new StringBuilder("Manifest-Version: 1.0\r\nCreated-By: wasm2jvm\r\n");
        if (module.mainClass() != null) sb.append("Main-Class: ").append(module.mainClass()).append("\r\n");
        return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
