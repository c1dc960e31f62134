package org.wasm2jvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasm2jvm.wasi.launch.CommandLauncher;

/** The launcher of AOT jars: limits and host settings from properties, errors as {@code run} words them. */
class AotLauncherTest {
    private static final String SPIN = "(module (memory (export \"memory\") 1) (func (export \"_start\") (loop $l (br $l))))";

    @TempDir
    Path dir;

    private record Result(int code, String err) {}

    private Result launch(String wat, boolean metering, String... properties) throws Exception {
        Path module = dir.resolve("spin.wat");
        Files.writeString(module, wat);
        Path jar = dir.resolve(metering + ".jar");
        int compiled = metering ? Main.run(new String[] {"compile", "--metering", module.toString(), "-o", jar.toString()}, System.out, System.err)
                : Main.run(new String[] {"compile", module.toString(), "-o", jar.toString()}, System.out, System.err);
        assertEquals(0, compiled);
        Properties props = new Properties();
        for (int i = 0; i < properties.length; i += 2) props.setProperty(properties[i], properties[i + 1]);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            int code = CommandLauncher.run(loader.loadClass("wasm2jvm.aot.spin.Main"), new String[0], props,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(code, err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void fuelStopsAMeteredJarWithTheTrapStatus() throws Exception {
        Result r = launch(SPIN, true, "wasm2jvm.fuel", "100000");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
    }

    @Test
    void fuelNeedsAMeteredJar() throws Exception {
        Result r = launch(SPIN, false, "wasm2jvm.fuel", "1000");
        assertEquals(2, r.code());
        assertEquals("error: wasm2jvm.fuel and wasm2jvm.timeout need a jar compiled with --metering", r.err().strip());
    }

    @Test
    void aMissingDirectoryIsAnErrorLine() throws Exception {
        Result r = launch(SPIN, false, "wasm2jvm.dir", dir.resolve("absent") + "::/sandbox");
        assertEquals(1, r.code());
        assertEquals("error: wasm2jvm.dir " + dir.resolve("absent") + ": not a directory", r.err().strip());
    }

    @Test
    void aModuleWithoutStartSaysSo() throws Exception {
        Result r = launch("(module (func (export \"f\")))", false);
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: spin.wat has no _start export"), r.err());
    }
}
