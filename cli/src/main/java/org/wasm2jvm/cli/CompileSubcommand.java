package org.wasm2jvm.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.compiler.aot.AotCompiler;
import org.wasm2jvm.compiler.aot.AotJar;
import org.wasm2jvm.compiler.aot.AotOutput;
import org.wasm2jvm.compiler.aot.FacadeCompiler;
import org.wasm2jvm.compiler.aot.RuntimeClasses;
import org.wasm2jvm.runtime.InstanceBase;
import org.wasm2jvm.wasi.WasiPreview1;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compile MODULE -o JAR}: compiles a module ahead of time into a runnable jar (the
 * generated classes, the runtime and WASI classes, a {@code Main-Class}) that needs no wasm2jvm
 * installation; {@code java -jar JAR ARGS} behaves like {@code run MODULE ARGS}, host settings
 * coming from {@code -Dwasm2jvm.*} properties. The same input always gives the same bytes.
 */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compiles a WebAssembly module (.wasm or .wat) into a runnable jar: java -jar JAR [ARGS...] runs it like 'run'.",
            "Host settings for the jar are system properties: -Dwasm2jvm.dir=HOST[::GUEST], wasm2jvm.dir-ro, wasm2jvm.env, "
                + "wasm2jvm.tcplisten, wasm2jvm.fuel, wasm2jvm.timeout, wasm2jvm.max-memory, wasm2jvm.stack-size (see README)."})
final class CompileSubcommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODULE", description = "A .wasm or .wat file.")
    Path module;

    @Option(names = {"-o", "--output"}, paramLabel = "JAR", description = "The jar to write (default: MODULE's name with .jar, in the current directory).")
    Path output;

    @Option(names = "--package", paramLabel = "NAME", description = "Package of the generated classes (default: wasm2jvm.aot.<file name>).")
    String packageName;

    @Option(names = {"--facade", "--class"}, paramLabel = "NAME",
            description = "Also generate a typed Java facade for the exports (simple name: in the generated package), compiled into the jar.")
    String facade;

    @Option(names = {"-s", "--facade-source"}, paramLabel = "DIR", description = "Write the facade's Java source under this source root.")
    Path facadeSource;

    @Option(names = "--metering", description = "Compile with fuel and deadline checks, so the jar accepts wasm2jvm.fuel and wasm2jvm.timeout.")
    boolean metering;

    @Mixin
    VerboseOption verbose;

    private final Console console;

    CompileSubcommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        if (facadeSource != null && facade == null) throw new CliException("--facade-source needs --facade NAME", ExitCodes.USAGE);
        byte[] bytes = RunSubcommand.read(module);
        String fileName = module.getFileName().toString();
        AotOutput out;
        try {
            out = new AotCompiler().packageName(packageName).facade(facade).metering(metering).compile(bytes, fileName);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), ExitCodes.USAGE, e);
        } catch (ModuleException e) {
            String kind = e.kind() == ModuleException.Kind.MALFORMED ? "malformed" : "invalid";
            throw new CliException(module + ": " + kind + " module: " + e.getMessage(), ExitCodes.ERROR, e);
        }
        Map<String, byte[]> runtime = RuntimeClasses.of(InstanceBase.class, WasiPreview1.class);
        if (out.facadeClass() != null) {
            if (facadeSource != null) {
                Path src = facadeSource.resolve(out.facadeSourcePath());
                Files.createDirectories(src.getParent());
                Files.writeString(src, out.facadeSource());
            }
            if (FacadeCompiler.available()) {
                FacadeCompiler.compileInto(out, runtime);
            } else if (facadeSource == null) {
                throw new CliException("compiling the facade needs a JDK; use --facade-source DIR to get its source", ExitCodes.ERROR);
            }
        }
        Path jar = output != null ? output : Path.of(fileName.replaceFirst("\\.(wasm|wat)$", "") + ".jar");
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                AotJar.write(os, out, runtime);
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new CliException("cannot write " + jar + ": " + e, ExitCodes.ERROR, e);
        }
        if (console.verbose()) console.err().println("wrote " + jar + " (" + Files.size(jar) + " bytes, Main-Class " + out.mainClass() + ")");
        return ExitCodes.OK;
    }
}
