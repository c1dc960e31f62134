package org.wasm2jvm.bench.harness;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks that no generated JVM method is over HotSpot's 8,000-byte limit for JIT compilation
 * ({@code -XX:-DontCompileHugeMethods} is off by default: such methods stay interpreted).
 * Reads the {@code Code} attribute lengths straight from the class files that
 * {@code -Dwasm2jvm.dump=DIR} writes (JVMS §4.7.3).
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

    /** The methods of one class file with their code lengths (JVMS §4.1, §4.6, §4.7.3). */
    public static List<MethodSize> methods(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // longs and doubles take two constant-pool slots
                }
                default -> throw new IOException("bad constant-pool tag " + tag);
            }
        }
        in.readUnsignedShort();
        String className = utf8[classNameIndex[in.readUnsignedShort()]];
        in.readUnsignedShort();
        in.skipBytes(2 * in.readUnsignedShort());
        int fields = in.readUnsignedShort();
        for (int i = 0; i < fields; i++) {
            in.skipBytes(6);
            skipAttributes(in);
        }
        List<MethodSize> out = new ArrayList<>();
        int methods = in.readUnsignedShort();
        for (int i = 0; i < methods; i++) {
            in.readUnsignedShort();
            String name = utf8[in.readUnsignedShort()] + utf8[in.readUnsignedShort()];
            int attrs = in.readUnsignedShort();
            for (int a = 0; a < attrs; a++) {
                String attr = utf8[in.readUnsignedShort()];
                int len = in.readInt();
                if (attr.equals("Code")) {
                    in.skipBytes(4);
                    int codeLength = in.readInt();
                    out.add(new MethodSize(className, name, codeLength));
                    in.skipBytes(len - 8);
                } else {
                    in.skipBytes(len);
                }
            }
        }
        return out;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            in.skipBytes(2);
            in.skipBytes(in.readInt());
        }
    }
}
