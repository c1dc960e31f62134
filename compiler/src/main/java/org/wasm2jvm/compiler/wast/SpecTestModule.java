package org.wasm2jvm.compiler.wast;

import java.io.PrintStream;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.GlobalInstance;
import org.wasm2jvm.api.HostFunction;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.api.TableInstance;
import org.wasm2jvm.api.ValType;

/**
 * The {@code spectest} host module every spec script may import from: print functions, four
 * constant globals, a table and a memory. Built fresh for each script so that scripts never see
 * each other's table or memory writes.
 *
 * @see <a href="https://github.com/WebAssembly/spec/tree/main/interpreter#spectest-host-module">The spectest host module</a>
 */
final class SpecTestModule {
    static final String NAME = "spectest";

    private SpecTestModule() {}

    /**
     * Adds the spectest exports to {@code imports}.
     *
     * @param out where the print functions write, or null to discard what they print
     */
    static Imports addTo(Imports imports, PrintStream out) {
        printer(imports, "print", out);
        printer(imports, "print_i32", out, ValType.I32);
        printer(imports, "print_i64", out, ValType.I64);
        printer(imports, "print_f32", out, ValType.F32);
        printer(imports, "print_f64", out, ValType.F64);
        printer(imports, "print_i32_f32", out, ValType.I32, ValType.F32);
        printer(imports, "print_f64_f64", out, ValType.F64, ValType.F64);
        imports.add(NAME, "global_i32", GlobalInstance.ofI32(666, false));
        imports.add(NAME, "global_i64", GlobalInstance.ofI64(666, false));
        imports.add(NAME, "global_f32", GlobalInstance.ofF32(666.6f, false));
        imports.add(NAME, "global_f64", GlobalInstance.ofF64(666.6, false));
        imports.add(NAME, "table", new TableInstance(ValType.FUNCREF, 10, 20));
        imports.add(NAME, "memory", new MemoryInstance(1, 2));
        return imports;
    }

    private static void printer(Imports imports, String name, PrintStream out, ValType... params) {
        FuncType type = FuncType.of(params);
        imports.add(NAME, name, HostFunction.of(type, args -> {
            if (out != null) {
                // Same shape as the reference interpreter: one "value : type" line per argument.
                for (int i = 0; i < args.length; i++) out.println(args[i] + " : " + params[i]);
                if (args.length == 0) out.println();
            }
            return null;
        }, "spectest." + name));
    }
}
