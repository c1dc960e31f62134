package org.wasm2jvm.compiler.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.compiler.wast.WastCommand.Expected;
import org.wasm2jvm.compiler.wast.WastCommand.ModuleSource;
import org.wasm2jvm.compiler.wast.WastCommand.Value;

/** The runner against the real compiler, with hand-encoded binary modules (no text parser involved). */
class WastRunnerBinaryTest {
    /** inc: (i32)->i32 adds 1; trap: unreachable; loop: calls itself forever. */
    private static final byte[] FUNCS = bytes(
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x09, 0x02, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x60, 0x00, 0x00,
            0x03, 0x04, 0x03, 0x00, 0x01, 0x01,
            0x07, 0x15, 0x03, 0x03, 'i', 'n', 'c', 0x00, 0x00, 0x04, 't', 'r', 'a', 'p', 0x00, 0x01,
            0x04, 'l', 'o', 'o', 'p', 0x00, 0x02,
            0x0a, 0x12, 0x03, 0x07, 0x00, 0x20, 0x00, 0x41, 0x01, 0x6a, 0x0b, 0x03, 0x00, 0x00, 0x0b,
            0x04, 0x00, 0x10, 0x02, 0x0b);

    /** Imports a function of type () -> () as "m" "missing". */
    private static final byte[] IMPORTS_MISSING = bytes(
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x02, 0x0d, 0x01, 0x01, 'm', 0x07, 'm', 'i', 's', 's', 'i', 'n', 'g', 0x00, 0x00);

    /** Imports "m" "trap" as () -> (): satisfiable once $m is registered as "m". */
    private static final byte[] IMPORTS_TRAP = bytes(
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x02, 0x0a, 0x01, 0x01, 'm', 0x04, 't', 'r', 'a', 'p', 0x00, 0x00);

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return out;
    }

    private static ModuleSource binary(byte[] b) {
        return new ModuleSource(ModuleSource.Kind.BINARY, b, null);
    }

    private static Value i32(int v) {
        return new Value(Value.Type.I32, v, false);
    }

    private static WastCommand.Invoke invoke(String name, Value... args) {
        return new WastCommand.Invoke(null, name, List.of(args));
    }

    @Test
    void runsEveryKindOfCommandAgainstTheCompiler() {
        FileResult r = WastRunner.builder().build().runCommands("bin.wast", List.of(
                new WastCommand.Module(1, "$m", binary(FUNCS)),
                new WastCommand.AssertReturn(2, invoke("inc", i32(41)), List.of(Expected.exact(i32(42)))),
                new WastCommand.AssertTrap(3, invoke("trap"), "unreachable"),
                new WastCommand.AssertExhaustion(4, invoke("loop"), "call stack exhausted"),
                new WastCommand.AssertMalformed(5, binary(bytes(0, 'a', 's', 'n')), "magic header not detected"),
                new WastCommand.AssertUnlinkable(6, binary(IMPORTS_TRAP), "unknown import"),
                new WastCommand.Register(7, "m", "$m"),
                new WastCommand.Module(8, null, binary(IMPORTS_TRAP)),
                new WastCommand.AssertUnlinkable(9, binary(IMPORTS_MISSING), "unknown import"),
                new WastCommand.AssertReturn(10, new WastCommand.Invoke("$m", "inc", List.of(i32(-1))), List.of(Expected.exact(i32(0)))),
                new WastCommand.AssertReturn(11, invoke("inc", i32(1)), List.of(Expected.exact(i32(3))))));
        List<CommandResult> results = r.results();
        for (int i = 0; i < 10; i++) assertTrue(results.get(i).passed(), results.get(i).toString());
        // Line 11 runs against the module of line 8, which has no "inc".
        assertFalse(results.get(10).passed());
        assertEquals("10 passed, 1 failed", FileResult.total(List.of(r)));
    }

    @Test
    void aWrongResultNamesBothValues() {
        FileResult r = WastRunner.builder().build().runCommands("bin.wast", List.of(
                new WastCommand.Module(1, null, binary(FUNCS)),
                new WastCommand.AssertReturn(2, invoke("inc", i32(1)), List.of(Expected.exact(i32(3)))),
                new WastCommand.AssertTrap(3, invoke("inc", i32(1)), "unreachable"),
                new WastCommand.AssertReturn(4, invoke("trap"), List.of())));
        assertEquals("bin.wast:2: assert_return: FAILED: got [i32:2], expected [i32:3]", r.results().get(1).toString());
        assertEquals("bin.wast:3: assert_trap: FAILED: returned [i32:2], expected trap \"unreachable\"", r.results().get(2).toString());
        assertTrue(r.results().get(3).message().startsWith("trap: unreachable"), r.results().get(3).message());
    }
}
