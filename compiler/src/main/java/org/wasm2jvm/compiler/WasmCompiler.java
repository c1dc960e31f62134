package org.wasm2jvm.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.binary.ModuleDecoder;
import org.wasm2jvm.compiler.codegen.ModuleClassGenerator;
import org.wasm2jvm.compiler.validate.ModuleValidator;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.runtime.CompiledModule;
import org.wasm2jvm.runtime.InstanceBase;
import org.wasm2jvm.runtime.ModuleCompiler;

/**
 * The pipeline parse → validate → compile → load, behind {@link WasmModule#compile(byte[])}.
 *
 * <p>Set the system property {@code wasm2jvm.dump} to a directory to have every generated class
 * written there for {@code javap -c}.
 */
public final class WasmCompiler implements ModuleCompiler {
    private static final String PACKAGE = "wasm2jvm/generated/";

    @Override
    public WasmModule compile(byte[] bytes, CompileOptions options) {
        return compileModule(decode(bytes), options);
    }

    /**
     * Decodes a binary module, or parses a text module: input whose first non-blank character
     * is {@code (} or {@code ;} is text, anything else goes to the binary decoder (so a damaged
     * binary gets the binary format's error).
     */
    public static Module decode(byte[] bytes) {
        if (looksLikeText(bytes)) {
            bytes = TextModules.toBinary(bytes);
        }
        return ModuleDecoder.decode(bytes);
    }

    static boolean looksLikeText(byte[] bytes) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') continue;
            return b == '(' || b == ';';
        }
        return false;
    }

    /** Validates and compiles a decoded module with the default options. */
    public static CompiledModule compileModule(Module module) {
        return compileModule(module, CompileOptions.defaults());
    }

    /** Validates and compiles a decoded module. */
    public static CompiledModule compileModule(Module module, CompileOptions options) {
        ModuleValidator.validate(module);
        return compileValidated(module, options);
    }

    /**
     * Compiles a module {@link ModuleValidator#validate} has accepted; lets callers such as
     * {@code run --stats} time validation and code generation apart.
     */
    public static CompiledModule compileValidated(Module module, CompileOptions options) {
        ModuleClassGenerator gen = new ModuleClassGenerator(module, PACKAGE, options.metering(), options.callDepthLimit());
        Map<String, byte[]> classes = gen.generate();
        dump(classes);
        ModuleClassLoader loader = new ModuleClassLoader(InstanceBase.class.getClassLoader(), classes);
        try {
            Class<?>[] loaded = new Class<?>[classes.size()];
            int i = 0;
            for (String name : classes.keySet()) {
                loaded[i++] = Class.forName(name.replace('/', '.'), true, loader);
            }
            @SuppressWarnings("unchecked")
            Class<? extends InstanceBase> instanceClass = (Class<? extends InstanceBase>) loaded[0];
            Map<String, Class<?>> byName = new java.util.HashMap<>();
            for (Class<?> c : loaded) byName.put(c.getName().replace('.', '/'), c);
            return new CompiledModule(module, instanceClass, new CompiledModule.FunctionLocator() {
                @Override
                public Class<?> classOf(int funcIndex) {
                    return byName.get(gen.ownerOf(funcIndex));
                }

                @Override
                public String methodName(int funcIndex) {
                    return gen.handleMethodName(funcIndex);
                }
            }, options);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void dump(Map<String, byte[]> classes) {
        String dir = System.getProperty("wasm2jvm.dump");
        if (dir == null || dir.isEmpty()) return;
        try {
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                Path p = Path.of(dir, e.getKey() + ".class");
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
