package org.wasm2jvm.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class MethodSizeCheckTest {
    /** A class with methods of known bytecode lengths and constants of every width before them. */
    private static byte[] classWith(int... nops) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "p/Gen", null, "java/lang/Object", null);
        cw.visitField(Opcodes.ACC_STATIC, "L", "J", null, 1234567890123L).visitEnd();
        cw.visitField(Opcodes.ACC_STATIC, "D", "D", null, 2.5).visitEnd();
        for (int i = 0; i < nops.length; i++) {
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "m" + i, "()V", null, null);
            mv.visitCode();
            for (int k = 0; k < nops[i]; k++) mv.visitInsn(Opcodes.NOP);
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        MethodVisitor abs = cw.visitMethod(Opcodes.ACC_ABSTRACT | Opcodes.ACC_PUBLIC, "none", "()V", null, null);
        abs.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    @Test
    void readsCodeLengths(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("p"));
        Files.write(dir.resolve("p/Gen.class"), classWith(10, 9000, 0));
        List<MethodSizeCheck.MethodSize> sizes = MethodSizeCheck.scan(dir);
        assertEquals(List.of(new MethodSizeCheck.MethodSize("p/Gen", "m1()V", 9001),
                new MethodSizeCheck.MethodSize("p/Gen", "m0()V", 11),
                new MethodSizeCheck.MethodSize("p/Gen", "m2()V", 1)), sizes);
        assertEquals(1, sizes.stream().filter(m -> m.codeBytes() > MethodSizeCheck.HUGE_METHOD_LIMIT).count());
    }
}
