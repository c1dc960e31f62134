package org.wasm2jvm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.HostFunction;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.LinkException;
import org.wasm2jvm.api.WasmFunction;
import org.wasm2jvm.api.WasmModule;

/** How {@link WasiPreview1#addTo} offers its functions: made on first import, by name, and reused. */
class WasiImportsTest {
    @Test
    void everyPreview1FunctionResolvesWithItsWitxArity() {
        try (WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().build())) {
            Imports imports = wasi.addTo(Imports.empty());
            for (String name : WasiPreview1.FUNCTIONS) {
                Object f = imports.resolve(WasiPreview1.MODULE, name);
                assertTrue(f instanceof WasmFunction, name);
                assertSame(f, imports.resolve(WasiPreview1.MODULE, name), "made once: " + name);
            }
            assertEquals(4, ((WasmFunction) imports.resolve(WasiPreview1.MODULE, "fd_write")).type().paramCount());
            assertNull(imports.resolve(WasiPreview1.MODULE, "fd_frobnicate"));
            assertNull(imports.resolve("wasi_unstable", "fd_write"));
        }
    }

    @Test
    void valuesAddedByNameWinOverTheProvider() {
        try (WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().build())) {
            HostFunction mine = HostFunction.intToInt(x -> x);
            Imports imports = wasi.addTo(Imports.empty()).add(WasiPreview1.MODULE, "sched_yield", mine);
            assertSame(mine, imports.resolve(WasiPreview1.MODULE, "sched_yield"));
            assertNotNull(imports.resolve(WasiPreview1.MODULE, "fd_write"));
        }
    }

    @Test
    void anUnknownWasiFunctionIsAnUnknownImport() {
        WasmModule module = WasmModule.compile(("(module (import \"wasi_snapshot_preview1\" \"fd_frobnicate\" "
                + "(func (param i32) (result i32))))").getBytes(StandardCharsets.UTF_8));
        try (WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().build())) {
            LinkException e = assertThrows(LinkException.class, () -> module.instantiate(wasi.addTo(Imports.empty())));
            assertTrue(e.getMessage().contains("unknown import \"wasi_snapshot_preview1\" \"fd_frobnicate\""), e.getMessage());
        }
    }
}
