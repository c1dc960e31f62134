package org.wasm2jvm.compiler.aot;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a facade's source with the running JDK's {@code javac} against the generated classes
 * and the runtime, so a jar carries the facade ready to call; IDE users get the source as well.
 */
public final class FacadeCompiler {
    private FacadeCompiler() {
    }

    /** Whether this JVM has a Java compiler (a JDK, not a JRE). */
    public static boolean available() {
        return ToolProvider.getSystemJavaCompiler() != null;
    }

    /**
     * Adds the facade's class files to {@code module.entries()}.
     *
     * @param runtime the runtime classes it compiles against
     * @throws IOException when javac fails (its messages are in the exception)
     */
    public static void compileInto(AotOutput module, Map<String, byte[]> runtime) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IOException("compiling the facade needs a JDK (javac)");
        Path work = Files.createTempDirectory("wasm2jvm-facade-");
        try {
            Path cp = work.resolve("cp"), src = work.resolve("src"), out = work.resolve("out");
            writeAll(cp, runtime);
            writeAll(cp, module.entries());
            Path source = src.resolve(module.facadeSourcePath());
            Files.createDirectories(source.getParent());
            Files.writeString(source, module.facadeSource());
            Files.createDirectories(out);
            StringWriter messages = new StringWriter();
            List<String> args = List.of("--release", "17", "-encoding", "UTF-8", "-implicit:none", "-nowarn",
                    "-cp", cp.toString(), "-d", out.toString());
            boolean ok;
            try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
                ok = javac.getTask(messages, files, null, args, null, files.getJavaFileObjects(source.toFile())).call();
            }
            if (!ok) throw new IOException("javac failed on the facade: " + messages);
            try (Stream<Path> files = Files.walk(out)) {
                for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    module.entries().put(out.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void writeAll(Path root, Map<String, byte[]> entries) throws IOException {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path p : paths) Files.deleteIfExists(p);
    }
}
