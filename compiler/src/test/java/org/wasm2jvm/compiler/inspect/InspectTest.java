package org.wasm2jvm.compiler.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.compiler.text.WatParser;

/**
 * The inspector on real clang output and on WAT. Expected numbers for the .wasm files are facts
 * printed by wabt's {@code wasm-objdump -h} and {@code -x} (an independent decoder), copied here;
 * the memory maps follow from those facts and wasm-ld's documented layout.
 */
class InspectTest {
    private static final Path TESTDATA = Path.of("..", "testdata", "wasm");

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = InspectTest.class.getResourceAsStream("/inspect/" + name)) {
            return in.readAllBytes();
        }
    }

    private static void assertRegion(MemoryLayout.Region r, long start, long end, MemoryLayout.Kind kind, boolean inferred) {
        assertEquals(start, r.start(), r.toString());
        assertEquals(end, r.end(), r.toString());
        assertEquals(kind, r.kind(), r.toString());
        assertEquals(inferred, r.inferred(), r.toString());
    }

    /** The map starts at 0, has no holes or overlaps, and reaches the initial memory size. */
    private static void assertContiguous(MemoryLayout m) {
        long at = 0;
        for (MemoryLayout.Region r : m.regions()) {
            assertEquals(at, r.start(), "region starts where the previous ended: " + m.regions());
            assertTrue(r.end() > r.start(), r.toString());
            at = r.end();
        }
        assertEquals(m.minBytes(), at);
    }

    @Test
    void helloSectionsMatchWasmObjdump() throws IOException {
        ModuleReport r = ModuleInspector.inspect(Files.readAllBytes(TESTDATA.resolve("hello.wasm")));
        // wasm-objdump -h testdata/wasm/hello.wasm: name, start offset, size
        Object[][] expected = {
            {"type", 0x0a, 0x52}, {"import", 0x5f, 0xb0}, {"function", 0x111, 0x30}, {"table", 0x143, 0x05},
            {"memory", 0x14a, 0x03}, {"global", 0x14f, 0x08}, {"export", 0x159, 0x13}, {"element", 0x16e, 0x0a},
            {"code", 0x17b, 0x3cdd}, {"data", 0x3e5b, 0xaab}, {"name", 0x4909, 0x324}, {"producers", 0x4c2f, 0x3c},
        };
        assertEquals(expected.length, r.sections().size());
        for (int i = 0; i < expected.length; i++) {
            SectionInfo s = r.sections().get(i);
            assertEquals(expected[i][0], s.name());
            assertEquals(expected[i][1], s.offset(), s.name());
            assertEquals(expected[i][2], s.size(), s.name());
        }
        assertEquals(List.of("name", "producers"), r.customSections().stream().map(SectionInfo::name).toList());
        assertEquals(19_563, r.binarySize());
    }

    @Test
    void helloCountsImportsExportsAndLargestFunctionsMatchWasmObjdump() throws IOException {
        ModuleReport r = ModuleInspector.inspect(Files.readAllBytes(TESTDATA.resolve("hello.wasm")));
        ModuleReport.Counts c = r.counts();
        // wasm-objdump -x: Type[13] Import[5] Function[47] Table[1] Memory[1] Global[1] Export[2] Elem[1] Data[2]
        assertEquals(List.of(13, 5, 5, 47, 1, 1, 1, 2, 1, 2),
                List.of(c.types(), c.imports(), c.importedFunctions(), c.functions(), c.tables(), c.memories(),
                        c.globals(), c.exports(), c.elements(), c.data()));
        // Code[47]: the sizes listed add up to 15518; the largest three:
        assertEquals(15_518, r.codeBodyBytes());
        assertEquals(ModuleInspector.LARGEST, r.largestFunctions().size());
        assertEquals(new ModuleReport.FunctionSize(37, "printf_core", 8981), r.largestFunctions().get(0));
        assertEquals(new ModuleReport.FunctionSize(41, "memcpy", 1296), r.largestFunctions().get(1));
        assertEquals(new ModuleReport.FunctionSize(38, "pop_arg", 563), r.largestFunctions().get(2));
        // func[3] sig=5 <- wasi_snapshot_preview1.fd_write; type[5] (i32, i32, i32, i32) -> i32
        ModuleReport.ImportInfo fdWrite = r.imports().get(3);
        assertEquals("wasi_snapshot_preview1", fdWrite.module());
        assertEquals("fd_write", fdWrite.name());
        assertEquals("(func (param i32 i32 i32 i32) (result i32))", fdWrite.type());
        assertEquals("__imported_wasi_snapshot_preview1_fd_write", fdWrite.localName());
        // memory[0] -> "memory"; func[51] <_start.command_export> -> "_start"
        assertEquals(new ModuleReport.ExportInfo("memory", "memory", 0, "(memory 2)", null), r.exports().get(0));
        assertEquals(new ModuleReport.ExportInfo("_start", "func", 51, "(func)", "_start.command_export"), r.exports().get(1));
        assertNull(r.start());
    }

    @Test
    void helloProducersAreClang14() throws IOException {
        ModuleReport r = ModuleInspector.inspect(Files.readAllBytes(TESTDATA.resolve("hello.wasm")));
        // `strings testdata/wasm/hello.wasm` ends: language C99 processed-by Debian clang 14.0.6
        assertEquals(List.of(new Producers.Tool("C99", "")), r.producers().field("language"));
        assertEquals(List.of(new Producers.Tool("Debian clang", "14.0.6")), r.producers().field("processed-by"));
        assertTrue(r.targetFeatures().isEmpty());
    }

    @Test
    void helloMemoryMapInfersBssStackAndHeapFromTheStackPointer() throws IOException {
        MemoryLayout m = ModuleInspector.inspect(Files.readAllBytes(TESTDATA.resolve("hello.wasm"))).memory();
        // Memory[1] pages: initial=2; global[0] <__stack_pointer> init i32=70368;
        // segment[0] <.rodata> size=2480 init i32=1024; segment[1] <.data> size=236 init i32=3504
        assertEquals(2, m.minPages());
        assertEquals(-1, m.maxPages());
        assertEquals(List.of(new MemoryLayout.Segment(0, ".rodata", 1024, 3504), new MemoryLayout.Segment(1, ".data", 3504, 3740)),
                m.segments());
        assertEquals(new MemoryLayout.LayoutGlobal("__stack_pointer", 0, 70368L, true, "name section"), m.global("__stack_pointer"));
        assertNull(m.global("__heap_base"), "a command does not export __heap_base");
        List<MemoryLayout.Region> map = m.regions();
        assertEquals(6, map.size(), map.toString());
        assertRegion(map.get(0), 0, 1024, MemoryLayout.Kind.UNUSED, false);
        assertRegion(map.get(1), 1024, 3504, MemoryLayout.Kind.DATA, false);
        assertRegion(map.get(2), 3504, 3740, MemoryLayout.Kind.DATA, false);
        // wasm-ld's default 64 KiB stack ends at the stack pointer; between the data and it: .bss
        assertRegion(map.get(3), 3740, 70368 - 65536, MemoryLayout.Kind.BSS, true);
        assertRegion(map.get(4), 70368 - 65536, 70368, MemoryLayout.Kind.STACK, true);
        assertRegion(map.get(5), 70368, 2 * 65536, MemoryLayout.Kind.HEAP, true);
        assertContiguous(m);
    }

    @Test
    void exportedLayoutGlobalsGiveAnExactMap() throws IOException {
        // compiler/src/test/resources/inspect/build.sh; wasm-objdump -x layout.wasm:
        // global[0] <__stack_pointer> init 74816, global[1] __heap_base 74816, global[2] __data_end 9268,
        // global[3] __global_base 1024; <.rodata> size=2400 at 1024, <.data> size=244 at 3424
        MemoryLayout m = ModuleInspector.inspect(resource("layout.wasm")).memory();
        assertEquals(new MemoryLayout.LayoutGlobal("__data_end", 2, 9268L, false, "export"), m.global("__data_end"));
        assertEquals(new MemoryLayout.LayoutGlobal("__heap_base", 1, 74816L, false, "export"), m.global("__heap_base"));
        assertEquals(1024L, m.global("__global_base").value());
        List<MemoryLayout.Region> map = m.regions();
        assertEquals(7, map.size(), map.toString());
        assertRegion(map.get(0), 0, 1024, MemoryLayout.Kind.UNUSED, false);
        assertRegion(map.get(1), 1024, 3424, MemoryLayout.Kind.DATA, false);
        assertRegion(map.get(2), 3424, 3668, MemoryLayout.Kind.DATA, false);
        assertRegion(map.get(3), 3668, 9268, MemoryLayout.Kind.BSS, false);
        assertRegion(map.get(4), 9268, 9280, MemoryLayout.Kind.FREE, false); // the stack is 16-byte aligned
        assertRegion(map.get(5), 9280, 74816, MemoryLayout.Kind.STACK, false);
        assertRegion(map.get(6), 74816, 131072, MemoryLayout.Kind.HEAP, false);
        assertContiguous(m);
    }

    @Test
    void stackFirstPutsTheStackAtAddressZero() throws IOException {
        // wasm-objdump -x stack-first.wasm: Memory initial=1; __stack_pointer 16384, __heap_base 24640,
        // __data_end 24628; <.rodata> size=2400 at 16384, <.data> size=244 at 18784
        MemoryLayout m = ModuleInspector.inspect(resource("stack-first.wasm")).memory();
        List<MemoryLayout.Region> map = m.regions();
        assertEquals(List.of(MemoryLayout.Kind.STACK, MemoryLayout.Kind.DATA, MemoryLayout.Kind.DATA,
                MemoryLayout.Kind.BSS, MemoryLayout.Kind.FREE, MemoryLayout.Kind.HEAP),
                map.stream().map(MemoryLayout.Region::kind).toList());
        assertRegion(map.get(0), 0, 16384, MemoryLayout.Kind.STACK, false);
        assertRegion(map.get(3), 18784 + 244, 24628, MemoryLayout.Kind.BSS, false);
        assertRegion(map.get(5), 24640, 65536, MemoryLayout.Kind.HEAP, false);
        assertContiguous(m);
    }

    private static final String WAT = """
            (module
              (import "env" "log" (func $log (param i32)))
              (import "env" "mem" (memory 1 4))
              (import "env" "base" (global $base i32))
              (global $sp (mut i32) (i32.const 4096))
              (global (export "__heap_base") i32 (i32.const 8192))
              (table 2 funcref)
              (elem (i32.const 0) $id $init)
              (data (i32.const 16) "hello")
              (data (i32.const 100) "world!")
              (data (global.get $base) "somewhere")
              (data "passive")
              (func $id (export "id") (param i32) (result i32) local.get 0)
              (func $init (call $log (i32.const 1)))
              (start $init))
            """;

    @Test
    void watModuleCountsTypesAndMap() {
        ModuleReport r = ModuleInspector.inspect(WAT.getBytes(StandardCharsets.UTF_8));
        assertEquals("text", r.format());
        ModuleReport.Counts c = r.counts();
        assertEquals(List.of(3, 1, 1, 1, 2, 1, 0, 2, 2, 1, 4),
                List.of(c.imports(), c.importedFunctions(), c.importedMemories(), c.importedGlobals(), c.functions(),
                        c.tables(), c.memories(), c.globals(), c.exports(), c.elements(), c.data()));
        assertEquals(new ModuleReport.FunctionRef(2, null), r.start());
        assertEquals("(memory 1 4)", r.imports().get(1).type());
        assertEquals("(global i32)", r.imports().get(2).type());
        assertEquals(new ModuleReport.ExportInfo("__heap_base", "global", 2, "(global i32)", null), r.exports().get(0));
        // the text encoder may add a data count section; everything else is in the spec's order
        assertEquals(List.of("type", "import", "function", "table", "global", "export", "start", "element", "code",
                "data"), r.sections().stream().map(SectionInfo::name).filter(n -> !n.equals("datacount")).toList());

        MemoryLayout m = r.memory();
        assertTrue(m.imported());
        assertEquals(4, m.maxPages());
        // active segments of memory 0 only; the one at global.get has no known address
        assertEquals(List.of(new MemoryLayout.Segment(0, null, 16, 21), new MemoryLayout.Segment(1, null, 100, 106),
                new MemoryLayout.Segment(2, null, -1, -1)), m.segments());
        assertNull(m.global("__stack_pointer"), "$sp has no name without a name section");
        List<MemoryLayout.Region> map = m.regions();
        assertEquals(List.of(MemoryLayout.Kind.UNUSED, MemoryLayout.Kind.DATA, MemoryLayout.Kind.FREE,
                MemoryLayout.Kind.DATA, MemoryLayout.Kind.FREE, MemoryLayout.Kind.HEAP),
                map.stream().map(MemoryLayout.Region::kind).toList());
        assertRegion(map.get(5), 8192, 65536, MemoryLayout.Kind.HEAP, false);
        assertContiguous(m);
    }

    @Test
    void moduleWithoutMemoryHasNoLayout() {
        ModuleReport r = ModuleInspector.inspect("(module (func (export \"f\")))".getBytes(StandardCharsets.UTF_8));
        assertNull(r.memory());
        assertEquals(1, r.largestFunctions().size());
        String text = TextReport.render("f.wat", r);
        assertTrue(text.contains("no linear memory"), text);
    }

    /** A custom section: id 0, size, name, contents. */
    private static byte[] custom(String name, byte[] contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        body.write(n.length);
        body.writeBytes(n);
        body.writeBytes(contents);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(body.size()); // sizes here stay below 128: one LEB128 byte
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] strings(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                out.write(i);
            } else {
                byte[] b = ((String) p).getBytes(StandardCharsets.UTF_8);
                out.write(b.length);
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    @Test
    void targetFeaturesAndProducersAreDecoded() {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(WatParser.parseModule("(module (memory 1))"));
        m.writeBytes(custom("target_features", strings(3, (int) '+', "mutable-globals", (int) '+', "sign-ext",
                (int) '-', "simd128")));
        m.writeBytes(custom("producers", strings(2, "language", 1, "Go", "1.22", "processed-by", 2, "TinyGo", "0.35.0",
                "wasm-opt", "")));
        ModuleReport r = ModuleInspector.inspect(m.toByteArray());
        assertEquals(List.of("+mutable-globals", "+sign-ext", "-simd128"), r.targetFeatures());
        assertEquals(List.of(new Producers.Tool("Go", "1.22")), r.producers().field("language"));
        assertEquals("TinyGo 0.35.0", r.producers().field("processed-by").get(0).toString());
        assertEquals("wasm-opt", r.producers().field("processed-by").get(1).toString());
        String text = TextReport.render("m.wasm", r);
        assertTrue(text.contains("produced by: language Go 1.22; processed-by TinyGo 0.35.0, wasm-opt"), text);
        assertTrue(text.contains("target features: +mutable-globals +sign-ext -simd128"), text);
    }

    @Test
    void damagedCustomSectionsReadAsAbsent() {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(WatParser.parseModule("(module)"));
        m.writeBytes(custom("target_features", strings(2, (int) '+', "ok", (int) '?', "bad-prefix")));
        m.writeBytes(custom("producers", strings(1, "language", 5, "C")));
        m.writeBytes(custom("name", strings(7, 40, 1)));
        ModuleReport r = ModuleInspector.inspect(m.toByteArray());
        assertTrue(r.targetFeatures().isEmpty());
        assertTrue(r.producers().isEmpty());
        assertEquals(3, r.customSections().size());
    }

    @Test
    void malformedModuleIsAModuleException() {
        assertThrows(ModuleException.class, () -> ModuleInspector.inspect(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1}));
    }

    @Test
    void textReportShowsTheMapInAddressOrderWithin80Columns() throws IOException {
        String text = TextReport.render("hello.wasm", ModuleInspector.inspect(Files.readAllBytes(TESTDATA.resolve("hello.wasm"))));
        List<String> map = new ArrayList<>();
        boolean in = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("memory map")) {
                in = true;
            } else if (in) {
                map.add(line);
            }
            if (!line.contains("wasi_snapshot_preview1.")) assertTrue(line.length() <= 80, "too wide: " + line);
        }
        assertEquals(List.of(
                "  0x00000000-0x00000400        1,024  unused",
                "  0x00000400-0x00000db0        2,480  data[0] .rodata",
                "  0x00000db0-0x00000e9c          236  data[1] .data",
                "  0x00000e9c-0x000012e0        1,092  .bss (zero-initialised data) ~",
                "  0x000012e0-0x000112e0       65,536  stack, grows down from __stack_pointer ~",
                "  0x000112e0-0x00020000       60,704  heap (malloc), grows with memory.grow ~"), map);
        assertTrue(text.contains("     8,981  func[37] printf_core\n"), text);
        assertTrue(text.contains("global[0] __stack_pointer = 70368 (0x000112e0), mutable, found by name section"), text);
    }

    @Test
    void jsonWriterEscapesAndSeparates() {
        String json = new JsonWriter().beginObject().member("a", "q\"b\\s\n\u0001é").name("n").beginArray().value(1L)
                .value(true).value((String) null).beginObject().endObject().endArray().member("z", 2).endObject()
                .toString();
        assertEquals("{\"a\":\"q\\\"b\\\\s\\n\\u0001é\",\"n\":[1,true,null,{}],\"z\":2}\n", json);
    }

    @Test
    void jsonReportHasTheMapAndNoTrailingCommas() throws IOException {
        String json = JsonReport.render("hello.wasm", ModuleInspector.inspect(Files.readAllBytes(TESTDATA.resolve("hello.wasm"))));
        assertTrue(json.contains("\"map\":[{\"start\":0,\"end\":1024,\"kind\":\"unused\""), json);
        assertTrue(json.contains("{\"index\":37,\"name\":\"printf_core\",\"size\":8981}"), json);
        assertFalse(json.contains(",]") || json.contains(",}") || json.contains("[,") || json.contains("{,"), json);
    }
}
