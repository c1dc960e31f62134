package org.wasm2jvm.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.wasm2jvm.compiler.codegen.MethodSizes;

/**
 * Checks that no generated JVM method is over HotSpot's 8,000-byte limit for JIT compilation
 * ({@code -XX:-DontCompileHugeMethods} is off by default: such methods stay interpreted).
 * Reads the {@code Code} attribute lengths from the class files that {@code -Dwasm2jvm.dump=DIR}
 * writes.
 */
public final class MethodSizeCheck {
    /** HotSpot's HugeMethodLimit. */
    public static final int HUGE_METHOD_LIMIT = 8000;

    /** One method's bytecode length. */
    public record MethodSize(String className, String method, int codeBytes) {
    }

    private MethodSizeCheck() {
    }

    /** Every method with code in every class file under {@code dir}, largest first. */
    public static List<MethodSize> scan(Path dir) throws IOException {
        List<MethodSize> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                all.addAll(methods(Files.readAllBytes(f)));
            }
        }
        all.sort(Comparator.comparingInt(MethodSize::codeBytes).reversed());
        return all;
    }

    /** The methods of one class file with their code lengths, read by the compiler's own {@link MethodSizes}. */
    public static List<MethodSize> methods(byte[] classFile) throws IOException {
        if (classFile.length < 4 || (classFile[0] & 0xFF) != 0xCA || (classFile[1] & 0xFF) != 0xFE) {
            throw new IOException("not a class file");
        }
        String className = new ClassReader(classFile).getClassName();
        List<MethodSize> out = new ArrayList<>();
        MethodSizes.of(classFile).forEach((method, size) -> out.add(new MethodSize(className, method, size)));
        return out;
    }
}
