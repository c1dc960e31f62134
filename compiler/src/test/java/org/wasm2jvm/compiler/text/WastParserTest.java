package org.wasm2jvm.compiler.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.wasm2jvm.compiler.wast.WastCommand;
import org.wasm2jvm.compiler.wast.WastCommand.Expected;
import org.wasm2jvm.compiler.wast.WastCommand.ModuleSource;
import org.wasm2jvm.compiler.wast.WastCommand.Value;

class WastParserTest {
    @Test
    void commandsWithLinesAndModuleKinds() {
        List<WastCommand> cmds = WastParser.parse("""
                (module $m (func (export "f") (param i32) (result i32) local.get 0))
                (register "lib" $m)
                (assert_return (invoke $m "f" (i32.const -1)) (i32.const 0xffffffff))
                (module binary "\\00asm" "\\01\\00\\00\\00")
                (assert_malformed (module quote "(func" ")") "unexpected token")
                (assert_trap (invoke "f" (i32.const 0)) "unreachable")
                (assert_invalid (module (func (result i32))) "type mismatch")
                (get "g")
                """);
        assertEquals(8, cmds.size());
        WastCommand.Module m = assertInstanceOf(WastCommand.Module.class, cmds.get(0));
        assertEquals(1, m.line());
        assertEquals("$m", m.id());
        assertEquals(ModuleSource.Kind.TEXT, m.source().kind());
        assertArrayEquals(WatParser.parseModule("(func (export \"f\") (param i32) (result i32) local.get 0)"),
                m.source().binary());
        assertEquals(new WastCommand.Register(2, "lib", "$m"), cmds.get(1));
        WastCommand.AssertReturn r = assertInstanceOf(WastCommand.AssertReturn.class, cmds.get(2));
        WastCommand.Invoke inv = (WastCommand.Invoke) r.action();
        assertEquals("$m", inv.moduleId());
        assertEquals(List.of(new Value(Value.Type.I32, 0xffffffffL, false)), inv.args());
        assertEquals(Expected.exact(new Value(Value.Type.I32, 0xffffffffL, false)), r.expected().get(0));
        WastCommand.Module bin = (WastCommand.Module) cmds.get(3);
        assertEquals(ModuleSource.Kind.BINARY, bin.source().kind());
        assertEquals(8, bin.source().binary().length);
        WastCommand.AssertMalformed mal = (WastCommand.AssertMalformed) cmds.get(4);
        assertEquals("(func)", mal.module().quote());
        assertEquals(ModuleSource.Kind.QUOTE, mal.module().kind());
        assertEquals("unreachable", ((WastCommand.AssertTrap) cmds.get(5)).message());
        assertEquals(ModuleSource.Kind.TEXT, ((WastCommand.AssertInvalid) cmds.get(6)).module().kind());
        assertEquals(new WastCommand.Perform(8, new WastCommand.Get(null, "g")), cmds.get(7));
    }

    @Test
    void expectedValuePatterns() {
        List<WastCommand> cmds = WastParser.parse("""
                (assert_return (invoke "f")
                  (f32.const nan:canonical) (f64.const nan:arithmetic) (f32.const -0x0p+0)
                  (ref.null extern) (ref.extern 7) (ref.func) (i64.const -1)
                  (either (i32.const 1) (i32.const 2)))
                """);
        List<Expected> e = ((WastCommand.AssertReturn) cmds.get(0)).expected();
        assertEquals(Expected.Nan.CANONICAL, e.get(0).nan());
        assertEquals(Value.Type.F32, e.get(0).value().type());
        assertEquals(Expected.Nan.ARITHMETIC, e.get(1).nan());
        assertEquals(0x80000000L, e.get(2).value().bits());
        assertTrue(e.get(3).value().isNull());
        assertEquals(new Value(Value.Type.EXTERNREF, 7, false), e.get(4).value());
        assertTrue(e.get(5).anyRef());
        assertEquals(-1L, e.get(6).value().bits());
        assertEquals(2, e.get(7).either().size());
        assertNull(e.get(7).value());
    }

    @Test
    void scriptSyntaxErrorsCarryTheLine() {
        WastSyntaxException e = assertThrows(WastSyntaxException.class,
                () -> WastParser.parse("(module)\n\n(assert_return (invoke \"f\" (i32.const x)))"));
        assertEquals(3, e.line());
        assertEquals(2, assertThrows(WastSyntaxException.class, () -> WastParser.parse("(module)\n(bogus)")).line());
    }

    @Test
    void textModuleThatFailsToEncodeIsDeferredAsQuote() {
        List<WastCommand> cmds = WastParser.parse("(assert_malformed (module (func (i32.const 1x))) \"unknown operator\")");
        ModuleSource s = ((WastCommand.AssertMalformed) cmds.get(0)).module();
        assertEquals(ModuleSource.Kind.QUOTE, s.kind());
        assertEquals("(module (func (i32.const 1x)))", s.quote());
    }
}
