package org.wasm2jvm.wasi.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The {@code -Dwasm2jvm.*} settings of AOT jars. */
class LaunchPropertiesTest {
    private static LaunchProperties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) p.setProperty(kv[i], kv[i + 1]);
        return new LaunchProperties(p);
    }

    @Test
    void listsAreCommaSeparatedThenIndexedInNumericOrder() {
        HostSettings s = props("wasm2jvm.dir", "/a::/x,/b", "wasm2jvm.dir.10", "/d", "wasm2jvm.dir.2", "/c,with,commas",
                "wasm2jvm.env.0", "A=1,2", "wasm2jvm.env", "B=3,C", "wasm2jvm.dir-ro.0", "/ro").hostSettings();
        assertEquals(List.of("/a::/x", "/b", "/c,with,commas", "/d"), s.dirs);
        assertEquals(List.of("B=3", "C", "A=1,2"), s.env);
        assertEquals(List.of("/ro"), s.readOnlyDirs);
        assertEquals(List.of(), s.listen);
    }

    @Test
    void aKeyThatIsNotAnIndexIsAUsageError() {
        LaunchException e = assertThrows(LaunchException.class, () -> props("wasm2jvm.dir.first", "/a").hostSettings());
        assertEquals(LaunchException.USAGE, e.exitCode());
        assertEquals("wasm2jvm.dir.first: expected wasm2jvm.dir.<number>", e.getMessage());
    }

    @Test
    void sizesDurationsAndFuelReadLikeRunOptions() {
        LaunchProperties p = props("wasm2jvm.stack-size", "64m", "wasm2jvm.max-memory", "1g", "wasm2jvm.timeout", "250ms",
                "wasm2jvm.fuel", "1000");
        assertEquals(64L << 20, p.stackSize());
        assertEquals(1L << 30, p.maxMemory());
        assertEquals(Duration.ofMillis(250), p.timeout());
        assertEquals(1000L, p.fuel());
        LaunchProperties none = props();
        assertEquals(512L << 20, none.stackSize());
        assertNull(none.fuel());
        assertNull(none.timeout());
        assertEquals(LaunchException.USAGE, assertThrows(LaunchException.class, () -> props("wasm2jvm.fuel", "-5").fuel()).exitCode());
        assertEquals(LaunchException.USAGE,
                assertThrows(LaunchException.class, () -> props("wasm2jvm.stack-size", "big").stackSize()).exitCode());
        assertEquals(LaunchException.USAGE,
                assertThrows(LaunchException.class, () -> props("wasm2jvm.timeout", "0s").timeout()).exitCode());
    }
}
