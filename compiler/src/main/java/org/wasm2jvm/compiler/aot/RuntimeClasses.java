package org.wasm2jvm.compiler.aot;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The runtime-support and wasi classes an AOT jar carries, copied from where the running
 * wasm2jvm loaded them (class directories in a build, or wasm2jvm's own jar): only the packages
 * generated code and the launcher use — no compiler, ASM, picocli or logging.
 */
public final class RuntimeClasses {
    /** Packages of runtime-support and wasi (with subpackages), as jar path prefixes. */
    static final List<String> PACKAGES = List.of("org/wasm2jvm/api/", "org/wasm2jvm/binary/", "org/wasm2jvm/model/",
            "org/wasm2jvm/runtime/", "org/wasm2jvm/wasi/");

    private RuntimeClasses() {
    }

    /**
     * The class files of those packages found in the code sources of {@code anchors} (e.g.
     * {@code InstanceBase.class} and {@code WasiPreview1.class}), by jar path.
     */
    public static Map<String, byte[]> of(Class<?>... anchors) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        for (Class<?> anchor : anchors) {
            Path root;
            try {
                root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException | NullPointerException e) {
                throw new IOException("cannot tell where " + anchor.getName() + " was loaded from", e);
            }
            if (Files.isDirectory(root)) fromDirectory(root, out);
            else fromJar(root, out);
        }
        return out;
    }

    private static void fromDirectory(Path root, Map<String, byte[]> out) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = root.relativize(p).toString().replace('\\', '/');
                if (wanted(name)) out.put(name, Files.readAllBytes(p));
            }
        }
    }

    private static void fromJar(Path jar, Map<String, byte[]> out) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.isDirectory() || !wanted(e.getName())) continue;
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
    }

    private static boolean wanted(String name) {
        if (!name.endsWith(".class")) return false;
        for (String p : PACKAGES) if (name.startsWith(p)) return true;
        return false;
    }
}
