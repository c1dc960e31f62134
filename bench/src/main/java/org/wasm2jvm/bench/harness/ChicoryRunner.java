package org.wasm2jvm.bench.harness;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a WASI command under Chicory, the peer pure-JVM runtime, as its own process:
 * {@code ChicoryRunner interpreter|compiler [--dir HOST::GUEST]... PROG.wasm [ARGS...]}.
 * Exits with the guest's exit code (3 on a trap, like wasm2jvm).
 */
public final class ChicoryRunner {
    private ChicoryRunner() {
    }

    public static void main(String[] argv) {
        System.exit(run(List.of(argv)));
    }

    static int run(List<String> argv) {
        if (argv.size() < 2 || !(argv.get(0).equals("interpreter") || argv.get(0).equals("compiler"))) {
            System.err.println("error: usage: ChicoryRunner interpreter|compiler [--dir HOST::GUEST]... PROG.wasm [ARGS...]");
            return 2;
        }
        boolean compiler = argv.get(0).equals("compiler");
        WasiOptions.Builder options = WasiOptions.builder()
                .withStdin(System.in).withStdout(System.out).withStderr(System.err);
        int i = 1;
        while (i + 1 < argv.size() && argv.get(i).equals("--dir")) {
            String spec = argv.get(i + 1);
            int sep = spec.indexOf("::");
            options.withDirectory(spec.substring(sep + 2), Path.of(spec.substring(0, sep)));
            i += 2;
        }
        Path wasm = Path.of(argv.get(i));
        List<String> args = new ArrayList<>(argv.subList(i, argv.size()));
        options.withArguments(args);
        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options.build()).build()) {
            WasmModule module = Parser.parse(wasm);
            Instance.Builder b = Instance.builder(module)
                    .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build());
            if (compiler) b.withMachineFactory(MachineFactoryCompiler.compile(module));
            try {
                b.build(); // runs _start
                return 0;
            } catch (WasiExitException e) {
                return e.exitCode();
            } finally {
                System.out.flush();
            }
        } catch (WasiExitException e) {
            return e.exitCode();
        } catch (RuntimeException e) {
            System.err.println("error: " + e);
            return 3;
        }
    }
}
