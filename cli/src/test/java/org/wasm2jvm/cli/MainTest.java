package org.wasm2jvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI called in-process, as a user would call it. */
class MainTest {
    @TempDir
    Path tmp;

    private static Outcome run(String... args) {
        return Outcome.run(args);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(MainTest.class.getClassLoader().getResource(name).toURI());
    }

    private static void assertOneErrorLine(Outcome o) {
        assertTrue(o.err().startsWith("error: "), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
    }

    @Test
    void onlyTheNamedSubcommandIsBuiltButAllAreListedOtherwise() {
        assertEquals("run", Main.commandName(new String[] {"-v", "run", "--dir", "x", "m.wasm"}));
        assertEquals("inspect", Main.commandName(new String[] {"inspect", "run"}));
        assertEquals(null, Main.commandName(new String[] {"--help"}));
        assertEquals(null, Main.commandName(new String[] {"frob", "run"}));
        Outcome help = run("--help");
        for (String c : new String[] {"run", "wast", "inspect", "compile", "cache"}) {
            assertTrue(help.out().contains("  " + c + " "), c + " in: " + help.out());
        }
        Outcome v = run("-v", "run", "--invoke", "add", Path.of("..", "examples", "add.wat").toString(), "2", "3");
        assertEquals("5\n", v.out());
    }

    @Test
    void missingModuleFileIsOneErrorLine() {
        Outcome o = run("run", "--invoke", "f", tmp.resolve("nothere.wasm").toString());
        assertEquals(ExitCodes.ERROR, o.code());
        assertEquals("error: cannot read " + tmp.resolve("nothere.wasm") + ": no such file\n", o.err());
        assertEquals("", o.out());
    }

    @Test
    void missingScriptFileIsOneErrorLine() {
        Outcome o = run("wast", tmp.resolve("nothere.wast").toString());
        assertEquals(ExitCodes.ERROR, o.code());
        assertOneErrorLine(o);
        assertTrue(o.err().contains("no such file"), o.err());
    }

    @Test
    void noCommandAndBadOptionsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, run().code());
        Outcome o = run("run");
        assertEquals(ExitCodes.USAGE, o.code());
        assertOneErrorLine(o);
        assertEquals(ExitCodes.USAGE, run("frobnicate").code());
        assertEquals(ExitCodes.USAGE, run("run", "--invoke", "f", "--stack-size", "lots", "x.wasm").code());
    }

    @Test
    void helpGoesToStdout() {
        Outcome o = run("run", "--help");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("--invoke"), o.out());
    }

    @Test
    void malformedModuleNamesSectionAndOffset() throws IOException {
        Path bad = tmp.resolve("bad.wasm");
        // A valid header, then a type section that claims more bytes than the file has.
        Files.write(bad, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1});
        Outcome o = run("run", "--invoke", "f", bad.toString());
        assertEquals(ExitCodes.ERROR, o.code());
        assertOneErrorLine(o);
        assertTrue(o.err().startsWith("error: " + bad + ": malformed module: "), o.err());
        assertTrue(o.err().contains("at offset 0x"), o.err());
    }

    @Test
    void runInvokesAnExportWithTypedArguments() throws Exception {
        Outcome o = run("run", "--invoke", "add", resource("add.wat").toString(), "-3", "0x10");
        assertEquals("", o.err());
        assertEquals(0, o.code());
        assertEquals("13\n", o.out());
    }

    @Test
    void runPrintsEveryResultOnItsOwnLine() throws Exception {
        Outcome o = run("run", "--invoke", "pair", resource("add.wat").toString(), "-inf", "7");
        assertEquals("", o.err());
        assertEquals("7\n-inf\n", o.out());
    }

    @Test
    void unknownExportIsAnError() throws Exception {
        Outcome o = run("run", "--invoke", "nope", resource("add.wat").toString());
        assertEquals(ExitCodes.ERROR, o.code());
        assertOneErrorLine(o);
        assertTrue(o.err().contains("unknown export \"nope\""), o.err());
    }

    @Test
    void aTrapIsItsMessageThenTheWasmBacktraceAndExitCodeThree() throws Exception {
        Outcome o = run("run", "--invoke", "div", resource("add.wat").toString(), "1", "0");
        assertEquals(ExitCodes.TRAP, o.code());
        assertTrue(o.err().startsWith("error: integer divide by zero\nwasm backtrace:\n  0: "), o.err());
        assertEquals(3, o.err().lines().count(), o.err());
    }

    @Test
    void wastReportsCountsAndFailsWhenACommandFails() throws Exception {
        Outcome o = run("wast", resource("tiny.wast").toString());
        Path tiny = resource("tiny.wast");
        assertEquals(ExitCodes.ERROR, o.code(), o.out() + o.err());
        assertEquals(tiny + ": 7 passed, 1 failed\n7 passed, 1 failed\n", o.out());
        Outcome verbose = run("wast", "-v", tiny.toString());
        assertTrue(verbose.out().contains(tiny + ":14: assert_return: FAILED: got [i32:3], expected [i32:4]"), verbose.out());
    }

    private static final String HELLO = "(module\n"
            + "  (import \"wasi_snapshot_preview1\" \"fd_write\" (func $fd_write (param i32 i32 i32 i32) (result i32)))\n"
            + "  (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $exit (param i32)))\n"
            + "  (memory (export \"memory\") 1)\n"
            + "  (data (i32.const 16) \"hello from wasi\\n\")\n"
            + "  (func $boom (param i32) (result i32) local.get 0 i32.load)\n"
            + "  (func (export \"_start\")\n"
            + "    (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 16))\n"
            + "    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))\n"
            + "    (call $exit (i32.const 7)))\n"
            + "  (func (export \"crash\") (result i32) (call $boom (i32.const -1))))";

    @Test
    void runsWasiStartAndExitsWithTheGuestsCode() throws IOException {
        Path wat = tmp.resolve("hello.wat");
        Files.writeString(wat, HELLO);
        Outcome o = run("run", wat.toString(), "arg1");
        assertEquals("hello from wasi\n", o.out());
        assertEquals(7, o.code(), o.err());
    }

    @Test
    void trapPrintsMessageAndWasmBacktrace() throws IOException {
        Path wat = tmp.resolve("hello.wat");
        Files.writeString(wat, HELLO);
        Outcome o = run("run", "--invoke", "crash", wat.toString());
        assertEquals(ExitCodes.TRAP, o.code());
        assertTrue(o.err().startsWith("error: out of bounds memory access\nwasm backtrace:\n  0: func[2] @ 0x"), o.err());
        assertTrue(o.err().contains("\n  1: func[4] @ 0x"), o.err());
    }

    @Test
    void moduleWithoutStartNeedsInvoke() throws IOException {
        Path wat = tmp.resolve("lib.wat");
        Files.writeString(wat, "(module (func (export \"f\")))");
        Outcome o = run("run", wat.toString());
        assertEquals(ExitCodes.ERROR, o.code());
        assertOneErrorLine(o);
        assertTrue(o.err().contains("no _start export"), o.err());
    }

    @Test
    void cProgramTrapShowsFunctionNamesFromTheNameSection() {
        Outcome o = run("run", Path.of("..", "testdata", "wasm", "trap.wasm").toString());
        assertEquals(ExitCodes.TRAP, o.code());
        assertEquals("before trap (unreachable)\n", o.out());
        assertTrue(o.err().startsWith("error: unreachable\nwasm backtrace:\n  0: crash_with_unreachable (func "), o.err());
        assertTrue(o.err().contains(": middle_frame (func "), o.err());
        assertTrue(o.err().contains(": main (func "), o.err());
    }

    @Test
    void cProgramGetsArgsEnvAndPreopenedDirectory() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("sandbox"));
        Outcome o = run("run", "--env", "GREETING=hi", Path.of("..", "testdata", "wasm", "args.wasm").toString(), "a b", "c");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("a b") && o.out().contains("c"), o.out());
        Outcome f = run("run", "--dir", dir + "::/sandbox", Path.of("..", "testdata", "wasm", "files.wasm").toString());
        assertEquals(0, f.code(), f.err());
        assertTrue(f.out().contains("create: OK"), f.out());
    }

    private static final String SPIN = "(module (memory (export \"memory\") 1 100)\n"
            + "  (func (export \"_start\") (loop $l (br $l)))\n"
            + "  (func (export \"grow\") (param i32) (result i32) local.get 0 memory.grow))";

    @Test
    void fuelAndTimeoutStopARunawayGuest() throws IOException {
        Path wat = tmp.resolve("spin.wat");
        Files.writeString(wat, SPIN);
        Outcome fuel = run("run", "--fuel", "100000", wat.toString());
        assertEquals(ExitCodes.TRAP, fuel.code());
        assertTrue(fuel.err().startsWith("error: fuel exhausted"), fuel.err());
        Outcome time = run("run", "--timeout", "200ms", wat.toString());
        assertEquals(ExitCodes.TRAP, time.code());
        assertTrue(time.err().startsWith("error: deadline exceeded"), time.err());
    }

    @Test
    void maxMemoryCapsMemoryGrow() throws IOException {
        Path wat = tmp.resolve("spin.wat");
        Files.writeString(wat, SPIN);
        assertEquals("1\n", run("run", "--invoke", "grow", wat.toString(), "3").out());
        Outcome capped = run("run", "--max-memory", "256k", "--invoke", "grow", wat.toString(), "4");
        assertEquals("-1\n", capped.out(), capped.err());
        assertEquals("1\n", run("run", "--max-memory", "256k", "--invoke", "grow", wat.toString(), "3").out());
    }
}
