package org.wasm2jvm.compiler.codegen;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the bytecode length of every method of a class file, to hold generated code to HotSpot's
 * 8,000-byte JIT limit: ASM does not report a method's final code size.
 *
 * @see <a href="https://docs.oracle.com/javase/specs/jvms/se17/html/jvms-4.html#jvms-4.7.3">JVMS 4.7.3 The Code attribute</a>
 */
public final class MethodSizes {
    private MethodSizes() {
    }

    /** The largest code length among the class's methods (0 when none has code). */
    public static int largest(byte[] classFile) {
        int max = 0;
        for (int size : of(classFile).values()) max = Math.max(max, size);
        return max;
    }

    /** Code length by method name and descriptor ({@code f0(I)I}), in class-file order. */
    public static Map<String, Integer> of(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int cpCount = in.readUnsignedShort();
            String[] utf8 = new String[cpCount];
            for (int i = 1; i < cpCount; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1: utf8[i] = in.readUTF(); break;
                    case 3: case 4: in.skipBytes(4); break;
                    case 5: case 6: in.skipBytes(8); i++; break;
                    case 7: case 8: case 16: case 19: case 20: in.skipBytes(2); break;
                    case 9: case 10: case 11: case 12: case 17: case 18: in.skipBytes(4); break;
                    case 15: in.skipBytes(3); break;
                    default: throw new IllegalStateException("constant tag " + tag);
                }
            }
            in.skipBytes(6);
            in.skipBytes(2 * in.readUnsignedShort());
            int fields = in.readUnsignedShort();
            for (int f = 0; f < fields; f++) {
                in.skipBytes(6);
                skipAttributes(in);
            }
            Map<String, Integer> sizes = new LinkedHashMap<>();
            int methods = in.readUnsignedShort();
            for (int m = 0; m < methods; m++) {
                in.skipBytes(2);
                String name = utf8[in.readUnsignedShort()] + utf8[in.readUnsignedShort()];
                int attrs = in.readUnsignedShort();
                for (int a = 0; a < attrs; a++) {
                    String attr = utf8[in.readUnsignedShort()];
                    int len = in.readInt();
                    if (attr.equals("Code")) {
                        in.skipBytes(4);
                        int codeLength = in.readInt();
                        sizes.put(name, codeLength);
                        in.skipBytes(len - 8);
                    } else {
                        in.skipBytes(len);
                    }
                }
            }
            return sizes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        for (int a = 0; a < n; a++) {
            in.skipBytes(2);
            in.skipBytes(in.readInt());
        }
    }
}
