package org.wasm2jvm.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.binary.ModuleDecoder;
import org.wasm2jvm.model.FunctionBody;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Module;

/**
 * Loads a module compiled ahead of time ({@code wasm2jvm compile}, the Maven plugin) from the
 * class path, with no compiler: the generated classes of one package, the module's skeleton
 * (the binary without its code section) and an index saying where each function's method is.
 * The layout is described in the compiler's {@code aot/DESIGN.md}.
 *
 * <pre>{@code
 * WasmModule module = PrecompiledModule.load(wasm2jvm.aot.hello.Instance.class);
 * }</pre>
 */
public final class PrecompiledModule {
    /** The module binary without its code section, beside the generated classes. */
    public static final String SKELETON_RESOURCE = "module.skeleton.wasm";
    /** Which class and method holds each defined function; see {@link #load(ClassLoader, String)}. */
    public static final String INDEX_RESOURCE = "module.index";
    /**
     * First line of the index; a jar from an incompatible wasm2jvm is refused, not misread. The
     * number changes whenever generated code links against the runtime differently (2: linear
     * memory as a {@code byte[]} and its size instead of a {@code ByteBuffer}).
     */
    public static final String INDEX_HEADER = "wasm2jvm-aot 2";

    private PrecompiledModule() {
    }

    /** Loads the module whose generated classes include {@code anchor} (its package and loader). */
    public static CompiledModule load(Class<?> anchor) {
        return load(anchor.getClassLoader(), anchor.getPackageName());
    }

    /**
     * Loads the module compiled into {@code packageName} (e.g. {@code wasm2jvm.aot.hello}).
     *
     * <p>The index is text: the header line, {@code name <original file name>},
     * {@code options <metering> <callDepthLimit>}, {@code functions <count>}, then one line per
     * defined function: {@code <class suffix> <body offset> <body size> <method name>}; the class is
     * {@code <package>.<class suffix>}, the offsets are those of the original binary (backtraces).
     *
     * @throws IllegalArgumentException when the package holds no compiled module
     */
    public static CompiledModule load(ClassLoader loader, String packageName) {
        String dir = packageName.replace('.', '/') + "/";
        byte[] skeleton = read(loader, dir + SKELETON_RESOURCE);
        Module module = ModuleDecoder.decodeSkeleton(skeleton);
        Index index = readIndex(loader, dir + INDEX_RESOURCE, module);
        Class<? extends InstanceBase> instanceClass = loadClass(loader, packageName + ".Instance").asSubclass(InstanceBase.class);
        return new CompiledModule(module, instanceClass, index.locator(loader, packageName), index.options);
    }

    /** The file name the module was compiled from, as recorded in the index (argv[0] of launched programs). */
    public static String sourceName(ClassLoader loader, String packageName) {
        String dir = packageName.replace('.', '/') + "/";
        try (BufferedReader r = open(loader, dir + INDEX_RESOURCE)) {
            r.readLine();
            String line = r.readLine();
            return line != null && line.startsWith("name ") ? line.substring(5) : packageName;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Index(CompileOptions options, int imported, String[] classes, String[] methods) {
        CompiledModule.FunctionLocator locator(ClassLoader loader, String packageName) {
            AtomicReferenceArray<Class<?>> resolved = new AtomicReferenceArray<>(classes.length);
            return new CompiledModule.FunctionLocator() {
                @Override
                public Class<?> classOf(int funcIndex) {
                    int i = funcIndex - imported;
                    Class<?> c = resolved.get(i);
                    if (c == null) {
                        c = loadClass(loader, packageName + "." + classes[i]);
                        resolved.set(i, c);
                    }
                    return c;
                }

                @Override
                public String methodName(int funcIndex) {
                    return methods[funcIndex - imported];
                }
            };
        }
    }

    private static Index readIndex(ClassLoader loader, String resource, Module module) {
        try (BufferedReader r = open(loader, resource)) {
            String header = r.readLine();
            if (header != null && header.startsWith("wasm2jvm-aot ") && !header.equals(INDEX_HEADER)) {
                throw new IllegalStateException(resource + ": compiled by an incompatible wasm2jvm (\"" + header
                        + "\", this runtime reads \"" + INDEX_HEADER + "\"); compile the module again");
            }
            if (!INDEX_HEADER.equals(header)) throw corrupt(resource, "unknown format");
            r.readLine(); // name
            String[] options = r.readLine().split(" ");
            CompileOptions compileOptions = CompileOptions.builder().metering(Boolean.parseBoolean(options[1]))
                    .callDepthLimit(Boolean.parseBoolean(options[2])).build();
            int n = Integer.parseInt(r.readLine().substring("functions ".length()));
            if (n != module.functions.size()) throw corrupt(resource, n + " functions, the skeleton declares " + module.functions.size());
            String[] classes = new String[n];
            String[] methods = new String[n];
            for (int i = 0; i < n; i++) {
                String line = r.readLine();
                int a = line.indexOf(' '), b = line.indexOf(' ', a + 1), c = line.indexOf(' ', b + 1);
                classes[i] = line.substring(0, a).intern();
                int offset = Integer.parseInt(line.substring(a + 1, b));
                int size = Integer.parseInt(line.substring(b + 1, c));
                methods[i] = line.substring(c + 1);
                // no instructions: only the offsets are needed again (WasmBacktrace)
                module.codes.add(new FunctionBody(new ValType[0], new Instruction[0], offset, size));
            }
            return new Index(compileOptions, module.importedFunctionCount(), classes, methods);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException | IndexOutOfBoundsException | NullPointerException e) {
            throw corrupt(resource, e.toString()); // truncated or edited by hand
        }
    }

    private static IllegalStateException corrupt(String resource, String why) {
        return new IllegalStateException("precompiled module index " + resource + " is unusable: " + why);
    }

    private static BufferedReader open(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) throw missing(resource);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) throw missing(resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IllegalArgumentException missing(String resource) {
        return new IllegalArgumentException("no precompiled module: resource " + resource + " not found");
    }

    private static Class<?> loadClass(ClassLoader loader, String className) {
        try {
            return Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("precompiled module class " + className + " not found", e);
        }
    }
}
