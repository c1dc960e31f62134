package org.wasm2jvm.compiler.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectedFailuresTest {
    private static ExpectedFailures parse(String text) throws IOException {
        return ExpectedFailures.parse(new StringReader(text));
    }

    private static FileResult result(String file, int... failedLines) {
        List<CommandResult> rs = new java.util.ArrayList<>();
        rs.add(CommandResult.pass(file, 1, "module"));
        for (int l : failedLines) rs.add(CommandResult.fail(file, l, "assert_return", "got i32:1"));
        return new FileResult(file, rs);
    }

    @Test
    void parsesEntriesAndIgnoresComments() throws IOException {
        ExpectedFailures e = parse("# header\n\na.wast:10\n  a.wast:12  # why\nb.wast:3\n");
        assertEquals(Set.of(10, 12), e.linesOf("a.wast"));
        assertEquals(Set.of(3), e.linesOf("b.wast"));
        assertEquals(Set.of(), e.linesOf("c.wast"));
    }

    @Test
    void rejectsMalformedEntries() {
        assertThrows(IOException.class, () -> parse("a.wast\n"));
        assertThrows(IOException.class, () -> parse("a.wast:x\n"));
    }

    @Test
    void listedFailuresAreAccepted() throws IOException {
        ExpectedFailures.Check c = parse("a.wast:10\n").check(result("a.wast", 10));
        assertTrue(c.ok());
    }

    @Test
    void newFailuresAreReported() throws IOException {
        FileResult r = result("a.wast", 10, 20);
        ExpectedFailures.Check c = parse("a.wast:10\n").check(r);
        assertFalse(c.ok());
        assertEquals(Set.of(20), c.unexpected());
        assertTrue(c.message(r.failures()).contains("a.wast:20: assert_return: FAILED: got i32:1"), c.message(r.failures()));
    }

    @Test
    void aListedEntryThatPassesMustBeRemoved() throws IOException {
        FileResult r = result("a.wast");
        ExpectedFailures.Check c = parse("a.wast:10\na.wast:11\n").check(r);
        assertFalse(c.ok());
        assertEquals("remove from expected failures: a.wast:10 a.wast:11", c.message(r.failures()));
    }

    @Test
    void updateReplacesScriptsThatRanAndKeepsTheOthers() throws IOException {
        ExpectedFailures e = parse("a.wast:10\nb.wast:3\nc.wast:7\n");
        String text = e.updatedText(List.of(result("a.wast", 11), result("c.wast")));
        List<String> entries = text.lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of("a.wast:11  # assert_return: got i32:1", "b.wast:3"), entries);
        // The rewritten file reads back as the same list.
        ExpectedFailures back = parse(text);
        assertEquals(Set.of(11), back.linesOf("a.wast"));
        assertEquals(Set.of(3), back.linesOf("b.wast"));
        assertEquals(Set.of(), back.linesOf("c.wast"));
    }
}
