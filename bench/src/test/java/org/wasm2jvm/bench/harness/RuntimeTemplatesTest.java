package org.wasm2jvm.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeTemplatesTest {
    @TempDir
    Path tmp;

    private HarnessPaths paths() {
        return new HarnessPaths(tmp.resolve("cli.jar"), Path.of("/w"), tmp, Path.of("/host data"), tmp);
    }

    private static final BenchRun WITH_DATA = new BenchRun("knn", "knn", "study", List.of("{data}/iris.csv", "8"), null,
            true, 1, false, 0);
    private static final BenchRun NO_DATA = new BenchRun("q", "quicksort", "study", List.of("10"), null, false, 1, false, 0);

    @Test
    void expandsWasmArgsAndTheDirectoryOption() {
        TemplateRuntime rt = new TemplateRuntime("wasmtime", "wasmtime run {dir} {wasm} {args}", "--dir {host}::{guest}", paths());
        assertEquals(List.of("wasmtime", "run", "--dir", "/host data::/data", "/w/knn.wasm", "/data/iris.csv", "8"),
                rt.command(WITH_DATA));
        assertEquals(List.of("wasmtime", "run", "/w/quicksort.wasm", "10"), rt.command(NO_DATA));
    }

    @Test
    void placeholdersInsideWords() {
        TemplateRuntime rt = new TemplateRuntime("wazero", "wazero run {dir} {wasm} -- {args}", "-mount={host}:{guest}", paths());
        assertEquals(List.of("wazero", "run", "-mount=/host data:/data", "/w/knn.wasm", "--", "/data/iris.csv", "8"),
                rt.command(WITH_DATA));
    }

    @Test
    void availableOnlyWhenTheExecutableExists() {
        assertNotNull(new TemplateRuntime("x", "no-such-runtime-xyz {wasm}", null, paths()).unavailableReason());
        assertNull(new TemplateRuntime("sh", "sh {wasm}", null, paths()).unavailableReason());
    }

    @Test
    void userConfigAddsReplacesAndDisables() throws Exception {
        Path config = tmp.resolve("runtimes.properties");
        Files.writeString(config, "wasmtime.command = /opt/wt/wasmtime {wasm} {args}\nwasmer.command =\n"
                + "mine.command = mine {dir} {wasm}\nmine.dir = -d {host}\n");
        List<Runtime> rts = Runtimes.templates(Runtimes.loadTemplates(config), paths());
        List<String> names = rts.stream().map(Runtime::name).toList();
        assertEquals(List.of("wasmtime", "wasmedge", "iwasm", "wasmi", "wazero", "mine"), names);
        assertEquals(List.of("/opt/wt/wasmtime", "/w/quicksort.wasm", "10"), rts.get(0).command(NO_DATA));
        assertEquals(List.of("mine", "-d", "/host data", "/w/knn.wasm"), rts.get(5).command(WITH_DATA));
    }

    @Test
    void builtInTemplatesCoverTheStudysRuntimes() throws Exception {
        List<String> names = Runtimes.templates(Runtimes.loadTemplates(null), paths()).stream().map(Runtime::name).toList();
        assertEquals(List.of("wasmtime", "wasmer", "wasmedge", "iwasm", "wasmi", "wazero"), names);
    }
}
