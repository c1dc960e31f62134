package org.wasm2jvm.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;
import static org.wasm2jvm.compiler.codegen.JvmTypes.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.Module;

/**
 * Turns a validated module into JVM classes: one instance class (state, import stubs,
 * {@code call_indirect} bridges) and function classes holding one static method per function.
 */
public final class ModuleClassGenerator {
    private final Module module;
    private final ModuleLayout layout;
    private final boolean metering;
    private final boolean callDepthLimit;

    public ModuleClassGenerator(Module module, String packagePrefix) {
        this(module, packagePrefix, false, false);
    }

    /**
     * @param metering whether functions count fuel and check deadline and interruption (see DESIGN.md)
     * @param callDepthLimit whether functions count nested calls (for InstanceLimits.maxCallDepth)
     */
    public ModuleClassGenerator(Module module, String packagePrefix, boolean metering, boolean callDepthLimit) {
        this(module, packagePrefix, metering, callDepthLimit, false);
    }

    /**
     * @param smallClasses whether to spread functions over many small classes, for lazy
     *        compilation (each class is generated when first used), instead of as few as possible
     */
    public ModuleClassGenerator(Module module, String packagePrefix, boolean metering, boolean callDepthLimit,
                                boolean smallClasses) {
        this.module = module;
        this.layout = smallClasses
                ? new ModuleLayout(module, packagePrefix, ModuleLayout.LAZY_MAX_FUNCTIONS_PER_CLASS,
                        ModuleLayout.LAZY_MAX_INSTRUCTIONS_PER_CLASS)
                : new ModuleLayout(module, packagePrefix);
        this.metering = metering;
        this.callDepthLimit = callDepthLimit;
    }

    /** Number of function classes; {@link #functionClassName(int)} names them. */
    public int functionClassCount() {
        return layout.chunkCount();
    }

    /** Internal name of function class {@code chunk}. */
    public String functionClassName(int chunk) {
        return layout.functionClass(chunk);
    }

    /** The function class holding defined function {@code definedIndex} (not counting imports). */
    public int functionClassOfDefined(int definedIndex) {
        return layout.chunkOfDefined(definedIndex);
    }

    /** Internal name of the generated instance class. */
    public String instanceClassName() {
        return layout.instanceClass();
    }

    /** Internal name of the class holding function {@code funcIndex}'s method. */
    public String ownerOf(int funcIndex) {
        return layout.ownerOf(funcIndex);
    }

    public String methodName(int funcIndex) {
        return layout.methodName(funcIndex);
    }

    /** All classes by internal name, the instance class first. */
    public Map<String, byte[]> generate() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(layout.instanceClass(), generateInstanceClass());
        for (int chunk = 0; chunk < layout.chunkCount(); chunk++) {
            out.put(layout.functionClass(chunk), generateFunctionClass(chunk));
        }
        return out;
    }

    /** The instance class (state, import stubs, {@code call_indirect} bridges); needs no function class. */
    public byte[] generateInstanceClass() {
        return instanceClassBytes();
    }

    /**
     * Function class {@code chunk}: the static methods of its functions. Classes only refer to
     * each other by name, so any subset can be generated, in any order, on any thread (one
     * generator is not meant to be used by two threads at once).
     */
    public byte[] generateFunctionClass(int chunk) {
        int imported = module.importedFunctionCount();
        int n = module.functions.size();
        int i = firstDefinedOf(chunk);
        {
            ClassWriter cw = newClassWriter();
            String name = layout.functionClass(chunk);
            cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, OBJECT, null);
            cw.visitSource("wasm", null);
            for (; i < n && layout.chunkOfDefined(i) == chunk; i++) {
                int funcIndex = imported + i;
                FuncType t = module.functionType(funcIndex);
                try {
                    FunctionCompiler.compileFitting(module, layout, cw, name, layout.methodName(funcIndex), t,
                            module.codes.get(i), metering, callDepthLimit);
                    if (t.resultCount() > 1) generateBoxedBridge(cw, name, funcIndex, t);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("cannot compile function " + funcIndex + ": " + e, e);
                }
            }
            cw.visitEnd();
            return cw.toByteArray();
        }
    }

    /** Number of defined functions in function class {@code chunk}. */
    public int functionCount(int chunk) {
        int n = module.functions.size();
        int count = 0;
        for (int i = firstDefinedOf(chunk); i < n && layout.chunkOfDefined(i) == chunk; i++) count++;
        return count;
    }

    /** Chunks are runs of consecutive functions: binary search for the first of {@code chunk}. */
    private int firstDefinedOf(int chunk) {
        int lo = 0, hi = module.functions.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (layout.chunkOfDefined(mid) < chunk) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    static ClassWriter newClassWriter() {
        return new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // Only scratch locals ever merge different reference types, and they are dead
                // at every merge point; never load classes to answer this.
                return OBJECT;
            }
        };
    }

    private byte[] instanceClassBytes() {
        String self = layout.instanceClass();
        ClassWriter cw = newClassWriter();
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, self, null, INSTANCE_BASE, null);
        cw.visitSource("wasm", null);
        int ng = module.globalCount();
        for (int g = 0; g < ng; g++) {
            if (layout.isGlobalCell(g)) {
                cw.visitField(ACC_PUBLIC, ModuleLayout.globalCellField(g), "L" + GLOBAL + ";", null, null).visitEnd();
            } else {
                cw.visitField(ACC_PUBLIC, ModuleLayout.globalField(g), desc(module.globalType(g).valType()), null, null).visitEnd();
            }
        }
        int imported = module.importedFunctionCount();
        for (int f = 0; f < imported; f++) {
            cw.visitField(ACC_PUBLIC, ModuleLayout.importHandleField(f), "L" + METHOD_HANDLE + ";", null, null).visitEnd();
        }

        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, INSTANCE_BASE, "<init>", "()V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        // initFields: linker arrays -> typed fields
        mv = cw.visitMethod(ACC_PUBLIC, "initFields", "()V", null, null);
        mv.visitCode();
        for (int g = 0; g < ng; g++) {
            ValType t = module.globalType(g).valType();
            mv.visitVarInsn(ALOAD, 0);
            if (layout.isGlobalCell(g)) {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "globalCells", "[L" + GLOBAL + ";");
                pushInt(mv, g);
                mv.visitInsn(AALOAD);
                mv.visitFieldInsn(PUTFIELD, self, ModuleLayout.globalCellField(g), "L" + GLOBAL + ";");
            } else if (t.isRef()) {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "globalRefs", "[Ljava/lang/Object;");
                pushInt(mv, g);
                mv.visitInsn(AALOAD);
                mv.visitFieldInsn(PUTFIELD, self, ModuleLayout.globalField(g), desc(t));
            } else {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "globalBits", "[J");
                pushInt(mv, g);
                mv.visitInsn(LALOAD);
                fromBits(mv, t);
                mv.visitFieldInsn(PUTFIELD, self, ModuleLayout.globalField(g), desc(t));
            }
        }
        for (int f = 0; f < imported; f++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "functions", "[Lorg/wasm2jvm/api/WasmFunction;");
            pushInt(mv, f);
            mv.visitInsn(AALOAD);
            mv.visitMethodInsn(INVOKEVIRTUAL, "org/wasm2jvm/api/WasmFunction", "handle", "()L" + METHOD_HANDLE + ";", false);
            mv.visitFieldInsn(PUTFIELD, self, ModuleLayout.importHandleField(f), "L" + METHOD_HANDLE + ";");
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        // syncGlobals: typed fields -> linker arrays
        mv = cw.visitMethod(ACC_PUBLIC, "syncGlobals", "()V", null, null);
        mv.visitCode();
        for (int g = 0; g < ng; g++) {
            if (layout.isGlobalCell(g)) continue;
            ValType t = module.globalType(g).valType();
            mv.visitVarInsn(ALOAD, 0);
            if (t.isRef()) {
                mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "globalRefs", "[Ljava/lang/Object;");
                pushInt(mv, g);
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, self, ModuleLayout.globalField(g), desc(t));
                mv.visitInsn(AASTORE);
            } else {
                mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "globalBits", "[J");
                pushInt(mv, g);
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, self, ModuleLayout.globalField(g), desc(t));
                toBits(mv, t);
                mv.visitInsn(LASTORE);
            }
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        // import stubs: (params..., Instance) -> invokeExact on the import's handle
        for (int f = 0; f < imported; f++) {
            FuncType t = module.functionType(f);
            mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, layout.methodName(f), functionDesc(t, self), null, null);
            mv.visitCode();
            int slot = 0;
            for (int p = 0; p < t.paramCount(); p++) slot += t.param(p).slots();
            mv.visitVarInsn(ALOAD, slot);
            mv.visitFieldInsn(GETFIELD, self, ModuleLayout.importHandleField(f), "L" + METHOD_HANDLE + ";");
            loadParams(mv, t, 0);
            invokeGuarded(mv, t);
            if (t.resultCount() > 1) {
                // the handle boxes its results: keep the first, put the others in the scratch arrays
                int arr = slot + 1;
                int tmp = slot + 2;
                mv.visitVarInsn(ASTORE, arr);
                for (int k = 1; k < t.resultCount(); k++) {
                    ValType rt = t.result(k);
                    mv.visitVarInsn(ALOAD, arr);
                    pushInt(mv, k);
                    mv.visitInsn(AALOAD);
                    unbox(mv, rt);
                    mv.visitVarInsn(storeOp(rt), tmp);
                    storeScratch(mv, slot, rt, k, tmp);
                }
                mv.visitVarInsn(ALOAD, arr);
                mv.visitInsn(ICONST_0);
                mv.visitInsn(AALOAD);
                unbox(mv, t.result(0));
                mv.visitInsn(returnOp(t.result(0)));
            } else {
                emitReturn(mv, t);
            }
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        // call_indirect bridges, one per signature used
        boolean[] used = layout.indirectTypes();
        for (int ti = 0; ti < used.length; ti++) {
            if (!used[ti]) continue;
            FuncType t = module.types.get(ti);
            mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, ModuleLayout.indirectBridgeName(ti),
                    ModuleLayout.indirectBridgeDesc(t, callDepthLimit), null, null);
            mv.visitCode();
            int slot = 0;
            for (int p = 0; p < t.paramCount(); p++) slot += t.param(p).slots();
            mv.visitVarInsn(ILOAD, slot);
            mv.visitVarInsn(ALOAD, slot + 1);
            mv.visitVarInsn(ALOAD, slot + 2);
            if (callDepthLimit) {
                // the caller's own functions without the call-depth boundary (Rt.indirectTarget)
                mv.visitVarInsn(ALOAD, slot + 3);
                mv.visitMethodInsn(INVOKESTATIC, RT, "indirectTarget",
                        "(IL" + TABLE + ";L" + FUNC_TYPE + ";L" + INSTANCE_BASE + ";)L" + METHOD_HANDLE + ";", false);
            } else {
                mv.visitMethodInsn(INVOKESTATIC, RT, "indirectTarget",
                        "(IL" + TABLE + ";L" + FUNC_TYPE + ";)L" + METHOD_HANDLE + ";", false);
            }
            loadParams(mv, t, 0);
            invokeGuarded(mv, t);
            emitReturn(mv, t);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * {@code invokeExact} on the function handle on the stack, turning an IndexOutOfBoundsException
     * that escapes it into {@link org.wasm2jvm.api.HostFunction.HostException}: generated callers
     * read that exception as their own out-of-bounds memory access, and compiled Wasm callees
     * already trap on theirs, so one escaping here was thrown by host code. Done here rather than
     * with a {@code catchException} combinator per host function, which spun several LambdaForm
     * classes per signature at every start.
     */
    private static void invokeGuarded(MethodVisitor mv, FuncType t) {
        org.objectweb.asm.Label start = new org.objectweb.asm.Label();
        org.objectweb.asm.Label end = new org.objectweb.asm.Label();
        org.objectweb.asm.Label handler = new org.objectweb.asm.Label();
        org.objectweb.asm.Label after = new org.objectweb.asm.Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/IndexOutOfBoundsException");
        mv.visitLabel(start);
        mv.visitMethodInsn(INVOKEVIRTUAL, METHOD_HANDLE, "invokeExact", handleDesc(t), false);
        mv.visitLabel(end);
        mv.visitJumpInsn(GOTO, after);
        mv.visitLabel(handler);
        mv.visitMethodInsn(INVOKESTATIC, RT, "hostIndexError",
                "(Ljava/lang/IndexOutOfBoundsException;)Lorg/wasm2jvm/api/HostFunction$HostException;", false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(after);
    }

    private static void loadParams(MethodVisitor mv, FuncType t, int firstSlot) {
        int slot = firstSlot;
        for (int p = 0; p < t.paramCount(); p++) {
            mv.visitVarInsn(loadOp(t.param(p)), slot);
            slot += t.param(p).slots();
        }
    }

    /**
     * {@code f<index>$boxed}: calls a multi-value function and boxes all its results into the
     * {@code Object[]} its {@link org.wasm2jvm.api.WasmFunction} handle returns.
     */
    private void generateBoxedBridge(ClassWriter cw, String owner, int funcIndex, FuncType t) {
        String inst = layout.instanceClass();
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC | ACC_SYNTHETIC, layout.handleMethodName(funcIndex),
                boxedBridgeDesc(t, inst), null, null);
        mv.visitCode();
        int instSlot = 0;
        for (int p = 0; p < t.paramCount(); p++) instSlot += t.param(p).slots();
        int first = instSlot + 1;
        loadParams(mv, t, 0);
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitMethodInsn(INVOKESTATIC, owner, layout.methodName(funcIndex), functionDesc(t, inst), false);
        mv.visitVarInsn(storeOp(t.result(0)), first);
        pushInt(mv, t.resultCount());
        mv.visitTypeInsn(ANEWARRAY, OBJECT);
        mv.visitInsn(DUP);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(loadOp(t.result(0)), first);
        box(mv, t.result(0));
        mv.visitInsn(AASTORE);
        for (int k = 1; k < t.resultCount(); k++) {
            mv.visitInsn(DUP);
            pushInt(mv, k);
            loadScratch(mv, instSlot, t.result(k), k);
            box(mv, t.result(k));
            mv.visitInsn(AASTORE);
        }
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Name of the method a function's {@link org.wasm2jvm.api.WasmFunction} handle points at. */
    public String handleMethodName(int funcIndex) {
        return layout.handleMethodName(funcIndex);
    }

    private static void emitReturn(MethodVisitor mv, FuncType t) {
        switch (t.resultCount()) {
            case 0: mv.visitInsn(RETURN); break;
            case 1: mv.visitInsn(returnOp(t.result(0))); break;
            default: mv.visitInsn(ARETURN); break;
        }
    }
}
