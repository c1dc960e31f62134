package org.wasm2jvm.compiler.aot;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.wasm2jvm.binary.ModuleDecoder;
import org.wasm2jvm.compiler.TextModules;
import org.wasm2jvm.compiler.codegen.ModuleClassGenerator;
import org.wasm2jvm.compiler.validate.ModuleValidator;
import org.wasm2jvm.model.FunctionBody;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.runtime.PrecompiledModule;

/**
 * Compiles a module ahead of time into the class-path entries that
 * {@link PrecompiledModule#load(Class)} reads back: the generated classes under one package,
 * the module skeleton and the function index, optionally a {@code Main} class for
 * {@code java -jar} and the source of a typed facade. See {@code DESIGN.md} beside this class.
 */
public final class AotCompiler {
    private String packageName;
    private String facadeClass;
    private boolean metering;
    private boolean mainClass = true;

    /** Package of the generated classes; default {@code wasm2jvm.aot.<file name>}. */
    public AotCompiler packageName(String name) {
        if (name != null && !JavaNames.isQualifiedName(name)) throw new IllegalArgumentException("not a Java package name: " + name);
        this.packageName = name;
        return this;
    }

    /** Also generate a facade class (simple name: in the module's package; or a qualified name). */
    public AotCompiler facade(String className) {
        if (className != null && !JavaNames.isQualifiedName(className)) {
            throw new IllegalArgumentException("not a Java class name: " + className);
        }
        this.facadeClass = className;
        return this;
    }

    /** Compile with fuel/deadline/interruption checks (needed for {@code wasm2jvm.fuel}/{@code timeout}). */
    public AotCompiler metering(boolean on) {
        this.metering = on;
        return this;
    }

    /** Whether to add the {@code Main} class (needs the wasi module at run time); default true. */
    public AotCompiler mainClass(boolean on) {
        this.mainClass = on;
        return this;
    }

    /**
     * @param bytes a binary or text module
     * @param fileName the file's name without directories; names the default package and argv[0]
     * @throws org.wasm2jvm.api.ModuleException when the module is malformed or invalid
     */
    public AotOutput compile(byte[] bytes, String fileName) {
        byte[] binary = TextModules.binaryOf(bytes);
        Module module = ModuleDecoder.decode(binary);
        ModuleValidator.validate(module);
        String pkg = packageName != null ? packageName : JavaNames.defaultPackage(fileName);
        String dir = pkg.replace('.', '/') + "/";
        ModuleClassGenerator gen = new ModuleClassGenerator(module, dir, metering, false);

        Map<String, byte[]> entries = new TreeMap<>();
        for (Map.Entry<String, byte[]> c : gen.generate().entrySet()) entries.put(c.getKey() + ".class", c.getValue());
        entries.put(dir + PrecompiledModule.SKELETON_RESOURCE, ModuleSkeleton.of(binary));
        entries.put(dir + PrecompiledModule.INDEX_RESOURCE, index(module, gen, dir, fileName));
        String main = null;
        if (mainClass) {
            main = pkg + ".Main";
            entries.put(dir + "Main.class", MainClassWriter.generate(dir + "Main"));
        }
        String facadeName = null, facadeSource = null;
        if (facadeClass != null) {
            facadeName = facadeClass.contains(".") ? facadeClass : pkg + "." + facadeClass;
            facadeSource = new FacadeWriter(module, gen, pkg, facadeName, fileName).source();
        }
        return new AotOutput(pkg, entries, main, facadeName, facadeSource);
    }

    private byte[] index(Module module, ModuleClassGenerator gen, String dir, String fileName) {
        StringBuilder sb = new StringBuilder();
        sb.append(PrecompiledModule.INDEX_HEADER).append('\n');
        sb.append("name ").append(fileName.replace('\n', '_')).append('\n');
        sb.append("options ").append(metering).append(' ').append(false).append('\n');
        int imported = module.importedFunctionCount();
        sb.append("functions ").append(module.functions.size()).append('\n');
        for (int i = 0; i < module.functions.size(); i++) {
            int f = imported + i;
            FunctionBody body = module.codes.get(i);
            sb.append(gen.ownerOf(f).substring(dir.length())).append(' ').append(body.offset()).append(' ')
                    .append(body.size()).append(' ').append(gen.handleMethodName(f)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
