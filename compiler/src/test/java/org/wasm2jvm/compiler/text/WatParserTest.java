package org.wasm2jvm.compiler.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.ModuleException;

/** Encoding of text modules; abbreviations are checked against their expanded forms. */
class WatParserTest {
    private static void assertSameBinary(String abbreviated, String expanded) {
        assertEquals(hex(WatParser.parseModule(expanded)), hex(WatParser.parseModule(abbreviated)));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static void assertMalformed(String text, String message) {
        ModuleException e = assertThrows(ModuleException.class, () -> WatParser.parseModule(text));
        assertEquals(ModuleException.Kind.MALFORMED, e.kind());
        assertTrue(e.reason().startsWith(message), () -> "got \"" + e.reason() + "\", want \"" + message + "\"");
    }

    @Test
    void emptyModuleIsJustTheHeader() {
        assertEquals("0061736d01000000", hex(WatParser.parseModule("(module)")));
        assertEquals("0061736d01000000", hex(WatParser.parseModule("")));
        assertEquals("0061736d01000000", hex(WatParser.parseModule("(module binary \"\\00asm\" \"\\01\\00\\00\\00\")")));
    }

    @Test
    void simpleFunctionEncodesExactly() {
        byte[] b = WatParser.parseModule("(module (func (export \"add\") (param i32 i32) (result i32)"
                + " local.get 0 local.get 1 i32.add))");
        assertEquals("0061736d01000000"
                + "01070160027f7f017f" // type: [i32 i32] -> [i32]
                + "03020100" // function 0 has type 0
                + "070701036164640000" // export "add" func 0
                + "0a09010700200020016a0b", hex(b));
    }

    @Test
    void inlineExportAndImport() {
        assertSameBinary("(func $f (export \"a\") (export \"b\"))",
                "(type (func)) (func $f (type 0)) (export \"a\" (func $f)) (export \"b\" (func $f))");
        assertSameBinary("(func $f (import \"m\" \"n\") (param i32))",
                "(type (func (param i32))) (import \"m\" \"n\" (func $f (type 0)))");
        assertSameBinary("(memory (export \"m\") 1)", "(memory $m 1) (export \"m\" (memory $m))");
        assertSameBinary("(global $g (import \"m\" \"g\") (mut i32))", "(import \"m\" \"g\" (global $g (mut i32)))");
        assertSameBinary("(table (export \"t\") (import \"m\" \"t\") 1 2 funcref)",
                "(import \"m\" \"t\" (table $t 1 2 funcref)) (export \"t\" (table $t))");
    }

    @Test
    void inlineTypesAreAppendedInOrderOfFirstUse() {
        assertSameBinary(
                "(type $v (func)) (func (param i64)) (func (result f32) f32.const 0) (func) (func (param i64))",
                "(type $v (func)) (type (func (param i64))) (type (func (result f32)))"
                        + " (func (type 1)) (func (type 2) f32.const 0) (func (type 0)) (func (type 1))");
        // A block type with parameters or several results needs a type index; a lone result does not.
        assertSameBinary("(func (block (result i32 i32) i32.const 1 i32.const 2) drop drop)",
                "(type (func)) (type (func (result i32 i32)))"
                        + " (func (type 0) (block (type 1) i32.const 1 i32.const 2) drop drop)");
    }

    @Test
    void typeUseWithMatchingInlineSignature() {
        assertSameBinary("(type $t (func (param i32))) (func (type $t) (param $x i32) local.get $x drop)",
                "(type $t (func (param i32))) (func (type 0) local.get 0 drop)");
        assertMalformed("(type $t (func (param i32))) (func (type $t) (param i64))", "inline function type");
        assertMalformed("(func (type 3) (param i32))", "unknown type");
        assertMalformed("(func (type $nope))", "unknown type");
    }

    @Test
    void foldedAndFlatInstructionsAgree() {
        assertSameBinary("(func (result i32) (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.const 3))))",
                "(func (result i32) i32.const 1 i32.const 2 i32.const 3 i32.mul i32.add)");
        assertSameBinary("(func (param i32) (result i32)"
                        + " (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))",
                "(func (param i32) (result i32) local.get 0 if (result i32) i32.const 1 else i32.const 2 end)");
        assertSameBinary("(func (block $a (loop $b (br_if $b (i32.const 0)) (br $a))))",
                "(func block $a loop $b i32.const 0 br_if 0 br 1 end $b end $a)");
    }

    @Test
    void labelsResolveToDepthAndShadow() {
        assertSameBinary("(func block $l block $l br $l end br $l end)",
                "(func block block br 0 end br 0 end)");
        assertSameBinary("(func block $a block $b i32.const 0 br_table $a $b $a end end)",
                "(func block block i32.const 0 br_table 1 0 1 end end)");
        assertMalformed("(func block $a end $b)", "mismatching label");
        assertMalformed("(func block end $l)", "mismatching label");
        assertMalformed("(func br $x)", "unknown label");
    }

    @Test
    void memoryWithInlineData() {
        assertSameBinary("(memory $m (data \"ab\" \"c\"))",
                "(memory $m 1 1) (data (memory 0) (i32.const 0) \"abc\")");
    }

    @Test
    void tableWithInlineElem() {
        assertSameBinary("(table funcref (elem $f $g)) (func $f) (func $g)",
                "(table 2 2 funcref) (elem (i32.const 0) funcref (ref.func $f) (ref.func $g)) (func $f) (func $g)");
    }

    @Test
    void elementSegmentForms() {
        assertSameBinary("(table 1 funcref) (func $f) (elem (i32.const 0) $f)",
                "(table 1 funcref) (func $f) (elem (table 0) (offset (i32.const 0)) func 0)");
        String passive = hex(WatParser.parseModule("(func $f) (elem $e func $f) (elem declare func $f)"
                + " (elem externref (ref.null extern) (item ref.null extern))"));
        // flag 1 (passive, func indices), flag 3 (declarative), flag 5 (passive, expressions)
        assertTrue(passive.contains("0912" + "03" + "01000100" + "03000100" + "056f02d06f0bd06f0b"), passive);
    }

    @Test
    void dataSegmentFormsAndDataCount() {
        assertSameBinary("(memory 1) (data (i32.const 8) \"x\")", "(memory 1) (data (memory 0) (offset i32.const 8) \"x\")");
        String b = hex(WatParser.parseModule("(memory 1) (data $d \"x\") (func (data.drop $d))"));
        assertTrue(b.contains("0c0101"), "data count section present: " + b);
        assertTrue(b.contains("fc0900"), "data.drop 0: " + b);
    }

    @Test
    void memargDefaultsAndExplicitValues() {
        assertSameBinary("(memory 1) (func (drop (i64.load (i32.const 0))))",
                "(memory 1) (func (drop (i64.load offset=0 align=8 (i32.const 0))))");
        String b = hex(WatParser.parseModule("(memory 1) (func (drop (i32.load offset=0x10 align=2 (i32.const 0))))"));
        assertTrue(b.contains("28" + "01" + "10"), b);
        assertMalformed("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))", "alignment");
        assertMalformed("(memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0))))", "i32 constant");
    }

    @Test
    void tableAndBulkInstructionsDefaultToTableZero() {
        assertSameBinary("(table 1 funcref) (elem $e func) (func (table.init $e (i32.const 0) (i32.const 0) (i32.const 0))"
                        + " (table.copy (i32.const 0) (i32.const 0) (i32.const 0)) (drop (table.size)))",
                "(table $t 1 funcref) (elem $e func) (func (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 0))"
                        + " (table.copy $t $t (i32.const 0) (i32.const 0) (i32.const 0)) (drop (table.size $t)))");
        assertSameBinary("(type $t (func)) (table 1 funcref) (func (call_indirect (type $t) (i32.const 0)))",
                "(type $t (func)) (table 1 funcref) (func (call_indirect 0 (type 0) (i32.const 0)))");
    }

    @Test
    void typedSelectAndReferences() {
        String b = hex(WatParser.parseModule("(func $f (result funcref) (select (result funcref)"
                + " (ref.func $f) (ref.null func) (i32.const 1)))"));
        assertTrue(b.contains("d200d0704101" + "1c0170"), b);
    }

    @Test
    void stringEscapesProduceBytes() {
        byte[] b = WatParser.parseModule("(memory 1) (data (i32.const 0) \"\\t\\n\\r\\\"\\'\\\\\\ff\\u{1F600}\")");
        String h = hex(b);
        assertTrue(h.endsWith("0b" + "090a0d22275cff" + "f09f9880"), h);
    }

    @Test
    void commentsAreSkipped() {
        assertSameBinary("(module ;; line\n (; block (; nested ;) ;) (func))", "(module (func))");
    }

    @Test
    void malformedMessages() {
        assertMalformed("(func (i32.const 0x100000000) drop)", "constant out of range");
        assertMalformed("(func (i32.const 1x) drop)", "unknown operator");
        assertMalformed("(func (i32.const) drop)", "unexpected token");
        assertMalformed("(func (f32.const nan:canonical) drop)", "unexpected token");
        assertMalformed("(func $f) (func $f)", "duplicate func");
        assertMalformed("(func (param $x i32) (local $x i32))", "duplicate local");
        assertMalformed("(func) (import \"\" \"\" (func))", "import after function");
        assertMalformed("(memory 0) (import \"\" \"\" (global i32))", "import after memory");
        assertMalformed("(func $f) (start $f) (start $f)", "multiple start sections");
        assertMalformed("(func (call $g))", "unknown function");
        assertMalformed("(func (global.get $g) drop)", "unknown global");
        assertMalformed("(func (local.get $l) drop)", "unknown local");
        assertMalformed("(func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 0)))", "unknown data segment");
        assertMalformed("(func (elem.drop $e))", "unknown elem segment");
        assertMalformed("(func (table.size $t) drop)", "unknown table");
        assertMalformed("(export \"m\" (memory $m))", "unknown memory");
        assertMalformed("(func (export \"\\80\"))", "malformed UTF-8 encoding");
        assertMalformed("(memory 0x1_0000_0000)", "i32 constant out of range");
        assertMalformed("(func (nop) (local i32))", "unexpected token");
        assertMalformed("(func (block (param $x i32)))", "unexpected token");
        assertMalformed("(data\"a\")", "unknown operator");
        assertMalformed("(func get_local 0)", "unknown operator get_local");
    }

    @Test
    void errorOffsetPointsAtTheToken() {
        ModuleException e = assertThrows(ModuleException.class, () -> WatParser.parseModule("(func (i32.const 1x))"));
        assertEquals(17, e.offset());
    }

    @Test
    void quotedModuleInsideParseModule() {
        assertArrayEquals(WatParser.parseModule("(func)"), WatParser.parseModule("(module quote \"(func)\")"));
    }
}
