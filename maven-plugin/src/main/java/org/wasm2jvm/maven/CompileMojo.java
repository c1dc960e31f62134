package org.wasm2jvm.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.compiler.aot.AotCompiler;
import org.wasm2jvm.compiler.aot.AotOutput;

/**
 * {@code wasm2jvm:compile}: compiles every {@code .wasm}/{@code .wat} file of
 * {@link #sourceDirectory} ahead of time. The generated classes, skeleton and index go to the
 * project's class output (so they are on the compile class path and end up in its jar), and the
 * typed facade's source to {@link #generatedSourcesDirectory}, which becomes a compile source
 * root — so the project's own code, and its IDE, see e.g. {@code new Calc(imports).add(2, 3)}.
 * The project needs the {@code runtime-support} artifact at compile and run time.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class CompileMojo extends AbstractMojo {
    /** Where the modules are. */
    @Parameter(defaultValue = "${project.basedir}/src/main/wasm", property = "wasm2jvm.sourceDirectory")
    File sourceDirectory;

    /** Where the generated classes and resources go. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    File outputDirectory;

    /** Where the facades' Java sources go (added as a compile source root). */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/wasm2jvm", required = true)
    File generatedSourcesDirectory;

    /** Package of the generated classes (only with a single module); default {@code wasm2jvm.aot.<file name>}. */
    @Parameter(property = "wasm2jvm.package")
    String packageName;

    /**
     * Facade class (only with a single module): a simple name goes in the generated package.
     * Default: the file name in upper camel case ({@code calc.wasm} gives {@code Calc}).
     */
    @Parameter(property = "wasm2jvm.facade")
    String facade;

    /** Compile with fuel and deadline checks ({@code InstanceLimits} fuel and deadlines). */
    @Parameter(defaultValue = "false", property = "wasm2jvm.metering")
    boolean metering;

    /** Also generate a {@code Main} class that runs the module as a WASI command (needs the wasi artifact). */
    @Parameter(defaultValue = "false")
    boolean mainClass;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<Path> modules = modules();
        if (modules.size() > 1 && (packageName != null || facade != null)) {
            throw new MojoFailureException("packageName and facade name one module, but " + sourceDirectory
                    + " holds " + modules.size());
        }
        for (Path module : modules) compile(module);
        if (!modules.isEmpty()) project.addCompileSourceRoot(generatedSourcesDirectory.getPath());
    }

    private List<Path> modules() throws MojoExecutionException {
        if (!sourceDirectory.isDirectory()) {
            getLog().info("no " + sourceDirectory + ": nothing to compile");
            return List.of();
        }
        try (Stream<Path> files = Files.walk(sourceDirectory.toPath())) {
            return files.filter(p -> p.toString().endsWith(".wasm") || p.toString().endsWith(".wat")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot list " + sourceDirectory, e);
        }
    }

    private void compile(Path module) throws MojoExecutionException, MojoFailureException {
        String fileName = module.getFileName().toString();
        AotOutput out;
        try {
            out = new AotCompiler().packageName(packageName).facade(facade != null ? facade : defaultFacade(fileName))
                    .metering(metering).mainClass(mainClass).compile(Files.readAllBytes(module), fileName);
        } catch (ModuleException | IllegalArgumentException e) {
            throw new MojoFailureException(module + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read " + module, e);
        }
        try {
            for (Map.Entry<String, byte[]> e : out.entries().entrySet()) {
                write(outputDirectory.toPath().resolve(e.getKey()), e.getValue());
            }
            write(generatedSourcesDirectory.toPath().resolve(out.facadeSourcePath()),
                    out.facadeSource().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the classes of " + module, e);
        }
        getLog().info("wasm2jvm: " + fileName + " -> " + out.packageName() + " (" + out.entries().size()
                + " entries), facade " + out.facadeClass());
    }

    private static void write(Path p, byte[] bytes) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    /** {@code my-calc.wasm} gives {@code MyCalc}. */
    static String defaultFacade(String fileName) {
        StringBuilder sb = new StringBuilder();
        boolean upper = true;
        for (char c : fileName.replaceFirst("\\.(wasm|wat)$", "").toCharArray()) {
            if (!Character.isLetterOrDigit(c) || c > 127) {
                upper = true;
                continue;
            }
            sb.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        if (sb.length() == 0 || !Character.isLetter(sb.charAt(0))) sb.insert(0, "Wasm");
        return sb.toString().toLowerCase(Locale.ROOT).equals("instance") || sb.toString().equals("Main")
                || sb.toString().equals("Instance") ? sb + "Module" : sb.toString();
    }
}
