package org.wasm2jvm.compiler.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.compiler.wast.WastCommand.ModuleSource;

/**
 * The runner's own behaviour, with a fake front end so that no module ever reaches the
 * compiler: quoted modules "fail to parse" in whatever way each test needs.
 */
class WastRunnerTest {
    private static WastFrontEnd frontEnd(Function<String, byte[]> quote) {
        return new WastFrontEnd() {
            @Override
            public List<WastCommand> parseScript(String script) {
                throw ModuleException.malformed("unexpected token", null, 3);
            }

            @Override
            public byte[] parseQuotedModule(String text) {
                return quote.apply(text);
            }
        };
    }

    private static final WastFrontEnd MALFORMED = frontEnd(text -> {
        throw ModuleException.malformed(text, null, 0);
    });

    private static ModuleSource quote(String text) {
        return new ModuleSource(ModuleSource.Kind.QUOTE, null, text);
    }

    @Test
    void aScriptThatDoesNotParseIsOneFailure() {
        FileResult r = WastRunner.builder().frontEnd(MALFORMED).build().runScript("bad.wast", "(module");
        assertEquals(1, r.failed());
        assertEquals("bad.wast:0", r.failures().get(0).location());
        assertTrue(r.failures().get(0).message().contains("unexpected token"), r.failures().get(0).message());
        assertEquals("bad.wast: 0 passed, 1 failed", r.summary());
    }

    @Test
    void malformedAssertionsCompareKindThenWording() {
        FileResult r = WastRunner.builder().frontEnd(MALFORMED).build().runCommands("m.wast", List.of(
                new WastCommand.AssertMalformed(1, quote("unknown operator"), "unknown operator"),
                new WastCommand.AssertMalformed(2, quote("unexpected token here"), "unknown operator"),
                new WastCommand.AssertInvalid(3, quote("type mismatch"), "type mismatch")));
        List<CommandResult> results = r.results();
        assertTrue(results.get(0).passed());
        assertFalse(results.get(0).messageMismatch());
        // Right kind of error, other wording: passes, but is counted.
        assertTrue(results.get(1).passed());
        assertTrue(results.get(1).messageMismatch());
        assertEquals(1, r.messageMismatches());
        // A malformed module where an invalid one is expected is a failure.
        assertFalse(results.get(2).passed());
        assertEquals("m.wast:3", results.get(2).location());
    }

    @Test
    void actionsWithoutAModuleFailWithoutStoppingTheScript() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FileResult r = WastRunner.builder().frontEnd(MALFORMED).verbose(new PrintStream(log, true, StandardCharsets.UTF_8))
                .build().runCommands("a.wast", List.of(
                        new WastCommand.Perform(4, new WastCommand.Invoke(null, "f", List.of())),
                        new WastCommand.Register(5, "M", "$missing"),
                        new WastCommand.Module(6, null, quote("does not parse")),
                        new WastCommand.AssertReturn(7, new WastCommand.Get(null, "g"), List.of()),
                        new WastCommand.AssertMalformed(8, quote("x"), "x")));
        assertEquals(4, r.failed());
        assertEquals(1, r.passed());
        assertTrue(r.results().get(0).message().contains("no current module"), r.results().get(0).message());
        assertTrue(r.results().get(3).message().contains("module at line 6 failed"), r.results().get(3).message());
        String printed = log.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("a.wast:6: module: FAILED: malformed: does not parse"), printed);
    }

    /** Lets abandoned spinning threads end once a test is over. */
    private static volatile boolean release;

    private static FileResult runaway(boolean stopThreads) {
        release = false;
        WastFrontEnd spinning = frontEnd(text -> {
            if (text.equals("spin")) {
                long n = 0;
                while (!release) n = (n + 1) & 0xFFFF;
            }
            throw ModuleException.malformed(text, null, 0);
        });
        try {
            return WastRunner.builder().frontEnd(spinning).commandTimeout(Duration.ofMillis(300)).stopThreads(stopThreads)
                    .build().runCommands("t.wast", List.of(
                            new WastCommand.AssertMalformed(1, quote("spin"), "spin"),
                            new WastCommand.AssertMalformed(2, quote("ok"), "ok"),
                            new WastCommand.AssertMalformed(3, quote("spin"), "spin"),
                            new WastCommand.AssertMalformed(4, quote("spin"), "spin"),
                            new WastCommand.AssertMalformed(5, quote("ok"), "ok")));
        } finally {
            release = true;
        }
    }

    private static void assertTimedOutAndWentOn(FileResult r) {
        List<CommandResult> results = r.results();
        assertEquals(5, results.size(), results.toString());
        for (int i : new int[] {0, 2, 3}) {
            assertFalse(results.get(i).passed());
            assertTrue(results.get(i).message().startsWith("timed out"), results.get(i).message());
        }
        assertTrue(results.get(1).passed(), results.get(1).toString());
        // After three timeouts the rest of the script is given up.
        assertEquals("not run after 3 timeouts", results.get(4).message());
        assertEquals(List.of(1, 2, 3, 4, 5), results.stream().map(CommandResult::line).toList());
    }

    @Test
    void aRunawayCommandIsStoppedAndTheScriptGoesOn() {
        assertTimedOutAndWentOn(runaway(true));
    }

    @Test
    void withoutThreadStopARunawayCommandIsAbandonedAndTheScriptGoesOn() {
        assertTimedOutAndWentOn(runaway(false));
    }

    @Test
    void scriptsRunOnALargeStack() {
        WastFrontEnd deep = frontEnd(text -> {
            throw ModuleException.malformed("depth " + recurse(Integer.parseInt(text)), null, 0);
        });
        FileResult r = WastRunner.builder().frontEnd(deep).build().runCommands("d.wast", List.of(
                new WastCommand.AssertMalformed(1, quote("1000000"), "depth 1000000")));
        assertTrue(r.results().get(0).passed(), r.results().toString());
        assertFalse(r.results().get(0).messageMismatch());
    }

    private static int recurse(int n) {
        return n == 0 ? 0 : 1 + recurse(n - 1);
    }

    @Test
    void totalLineCountsEveryFile() {
        FileResult a = new FileResult("a.wast", List.of(CommandResult.pass("a.wast", 1, "module"),
                CommandResult.fail("a.wast", 2, "assert_return", "x")));
        FileResult b = new FileResult("b.wast", List.of(CommandResult.mismatch("b.wast", 1, "assert_invalid", "y")));
        assertEquals("2 passed, 1 failed", FileResult.total(List.of(a, b)));
        assertEquals("a.wast:2: assert_return: FAILED: x", a.failures().get(0).toString());
    }
}
