package org.wasm2jvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.MemoryInstance;

/** {@code wasm2jvm compile}: deterministic jars, the typed facade, and its one-line errors. */
class CompileSubcommandTest {
    private static final String CALC = """
            (module
              (memory (export "mem") 1)
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "swap") (param i64 f32) (result f32 i64) (local.get 1) (local.get 0))
              (func (export "class") (result i32) (i32.const 7)))
            """;

    @TempDir
    Path dir;

    private static Outcome cli(String... args) {
        return Outcome.run(args);
    }

    private static Path hello() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("testdata/wasm"))) dir = dir.getParent();
        return dir.resolve("testdata/wasm/hello.wasm");
    }

    @Test
    void sameInputGivesByteIdenticalJarsInAnyTimeZone() throws Exception {
        Path calc = dir.resolve("calc.wat");
        Files.writeString(calc, CALC);
        TimeZone saved = TimeZone.getDefault();
        List<byte[]> jars = new ArrayList<>();
        try {
            for (String zone : List.of("UTC", "Pacific/Kiritimati", "America/Los_Angeles")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                for (Path module : List.of(hello(), calc)) {
                    Path jar = dir.resolve(zone.replace('/', '_') + "-" + module.getFileName() + ".jar");
                    Outcome o = cli("compile", module.toString(), "-o", jar.toString(), "--facade", "Facade");
                    assertEquals(0, o.code(), o.err());
                    jars.add(Files.readAllBytes(jar));
                }
            }
        } finally {
            TimeZone.setDefault(saved);
        }
        for (int i = 2; i < jars.size(); i++) {
            assertTrue(java.util.Arrays.equals(jars.get(i % 2), jars.get(i)), "jar " + i + " differs from jar " + i % 2);
        }
        try (JarFile jar = new JarFile(dir.resolve("UTC-hello.wasm.jar").toFile())) {
            List<String> names = new ArrayList<>();
            for (ZipEntry e : Collections.list(jar.entries())) {
                names.add(e.getName());
                assertEquals(LocalDateTime.of(1980, 2, 1, 0, 0), e.getTimeLocal(), e.getName());
            }
            assertEquals("META-INF/MANIFEST.MF", names.get(0));
            List<String> sorted = new ArrayList<>(names.subList(1, names.size()));
            Collections.sort(sorted);
            assertEquals(sorted, names.subList(1, names.size()), "entries sorted by name");
            assertEquals("wasm2jvm.aot.hello.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
            assertTrue(names.contains("org/wasm2jvm/wasi/launch/CommandLauncher.class"));
            assertFalse(names.stream().anyMatch(n -> n.startsWith("org/objectweb/") || n.startsWith("org/wasm2jvm/compiler/")
                    || n.startsWith("picocli/") || n.startsWith("org/slf4j/")), "no compiler, ASM, picocli or logging");
            String index = new String(jar.getInputStream(jar.getEntry("wasm2jvm/aot/hello/module.index")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertFalse(index.contains(dir.toString()) || index.contains(hello().getParent().toString()), "no build paths");
        }
    }

    @Test
    void facadeCallsExportsWithJavaTypes() throws Exception {
        Path calc = dir.resolve("calc.wat");
        Files.writeString(calc, CALC);
        Path jar = dir.resolve("calc.jar");
        Path src = dir.resolve("src");
        Outcome o = cli("compile", calc.toString(), "-o", jar.toString(), "--package", "com.example.calc",
                "--facade", "com.example.Calc", "--facade-source", src.toString());
        assertEquals(0, o.code(), o.err());
        String source = Files.readString(src.resolve("com/example/Calc.java"));
        assertTrue(source.contains("public int add(int p0, int p1)"), source);
        assertTrue(source.contains("com.example.calc.Functions0.f0(p0, p1, instance)"), "direct static call: " + source);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, Imports.class.getClassLoader())) {
            Class<?> facade = loader.loadClass("com.example.Calc");
            Object calcInstance = facade.getConstructor(Imports.class).newInstance(Imports.empty());
            Method add = facade.getMethod("add", int.class, int.class);
            assertEquals(int.class, add.getReturnType());
            assertEquals(42, add.invoke(calcInstance, 40, 2));

            Method swap = facade.getMethod("swap", long.class, float.class);
            Object pair = swap.invoke(calcInstance, 5L, 1.5f);
            RecordComponent[] parts = swap.getReturnType().getRecordComponents();
            assertEquals(float.class, parts[0].getType());
            assertEquals(long.class, parts[1].getType());
            assertEquals(1.5f, parts[0].getAccessor().invoke(pair));
            assertEquals(5L, parts[1].getAccessor().invoke(pair));

            assertEquals(7, facade.getMethod("class_").invoke(calcInstance), "a Java keyword gets a _");
            Method mem = facade.getMethod("mem");
            assertEquals(MemoryInstance.class, mem.getReturnType());
            ((MemoryInstance) mem.invoke(calcInstance)).writeI32(0, 99);
            assertEquals(99, ((org.wasm2jvm.api.Instance) facade.getMethod("instance").invoke(calcInstance)).memory("mem").readI32(0));
        }
    }

    @Test
    void errorsAreOneLine() throws Exception {
        Outcome missing = cli("compile", dir.resolve("nope.wasm").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("error: cannot read ") && missing.err().strip().lines().count() == 1, missing.err());

        Path bad = dir.resolve("bad.wasm");
        Files.write(bad, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 99});
        Outcome malformed = cli("compile", bad.toString(), "-o", dir.resolve("bad.jar").toString());
        assertEquals(1, malformed.code());
        assertTrue(malformed.err().startsWith("error: " + bad + ": malformed module: "), malformed.err());
        assertFalse(Files.exists(dir.resolve("bad.jar")));

        Outcome badPackage = cli("compile", hello().toString(), "-o", dir.resolve("x.jar").toString(), "--package", "no-dashes");
        assertEquals(2, badPackage.code());
        assertEquals("error: not a Java package name: no-dashes", badPackage.err().strip());
    }
}
