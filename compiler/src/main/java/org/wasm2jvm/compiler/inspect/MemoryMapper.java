package org.wasm2jvm.compiler.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.DataSegment;
import org.wasm2jvm.model.Export;
import org.wasm2jvm.model.ExternKind;
import org.wasm2jvm.model.Global;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.MemoryType;
import org.wasm2jvm.model.Opcodes;
import org.wasm2jvm.model.SegmentMode;
import org.wasm2jvm.model.Module;

/**
 * Works out the {@link MemoryLayout} of memory 0.
 *
 * <p>wasm-ld (clang, Rust, TinyGo...) places, by default: nothing below {@code __global_base}
 * (1024), then the data segments and the zero-initialised {@code .bss} up to {@code __data_end},
 * then the stack, 16-byte aligned, whose top is the initial {@code __stack_pointer} (the stack
 * grows down towards the data), then the heap from {@code __heap_base} (equal to the stack top).
 * With {@code --stack-first} the stack is {@code [0, __stack_pointer)} and the data follows.
 * Commands usually name only {@code __stack_pointer} (in the {@code name} section); then the
 * bottom of the stack is taken as the top minus wasm-ld's default stack size (64 KiB), the gap
 * below it as {@code .bss}, and the heap as starting at the stack top — each marked inferred.
 *
 * @see <a href="https://github.com/WebAssembly/tool-conventions/blob/main/Linking.md">tool-conventions: Linking</a>
 */
final class MemoryMapper {
    static final List<String> LAYOUT_GLOBALS = List.of("__stack_pointer", "__data_end", "__heap_base", "__global_base");
    /** wasm-ld's default {@code -z stack-size}. */
    static final long DEFAULT_STACK = 65536;
    private static final int PAGE = 65536;

    private MemoryMapper() {
    }

    /** The layout of memory 0, or null when the module has no memory. */
    static MemoryLayout map(Module module, Names names) {
        if (module.memoryCount() == 0) return null;
        MemoryType type = module.memoryType(0);
        List<MemoryLayout.Segment> segments = segments(module, names);
        List<MemoryLayout.LayoutGlobal> globals = layoutGlobals(module, names);
        long end = type.limits().min() * PAGE;
        List<MemoryLayout.Region> regions = regions(segments, globals, end);
        return new MemoryLayout(type.limits().min(), type.limits().max(), module.importedMemoryCount() > 0,
                segments, globals, regions);
    }

    private static List<MemoryLayout.Segment> segments(Module module, Names names) {
        List<MemoryLayout.Segment> out = new ArrayList<>();
        for (int i = 0; i < module.data.size(); i++) {
            DataSegment d = module.data.get(i);
            if (d.mode() != SegmentMode.ACTIVE || d.memoryIndex() != 0) continue;
            Long at = constant(d.offset());
            String name = names.dataSegments().get(i);
            long start = at == null ? -1 : at & 0xFFFFFFFFL;
            out.add(new MemoryLayout.Segment(i, name, start, at == null ? -1 : start + d.bytes().length));
        }
        return out;
    }

    private static List<MemoryLayout.LayoutGlobal> layoutGlobals(Module module, Names names) {
        List<MemoryLayout.LayoutGlobal> out = new ArrayList<>();
        for (String wanted : LAYOUT_GLOBALS) {
            int index = -1;
            String foundBy = null;
            for (var e : names.globals().entrySet()) {
                if (e.getValue().equals(wanted) && e.getKey() < module.globalCount()) {
                    index = e.getKey();
                    foundBy = "name section";
                }
            }
            for (Export x : module.exports) {
                if (x.kind() == ExternKind.GLOBAL && x.name().equals(wanted) && x.index() < module.globalCount()) {
                    foundBy = index == (int) x.index() ? "name section, export" : "export";
                    index = (int) x.index();
                    break;
                }
            }
            if (index < 0 || module.globalType(index).valType() != ValType.I32) continue;
            int imported = module.importedGlobalCount();
            Long value = null;
            if (index >= imported) {
                Global g = module.globals.get(index - imported);
                Long v = constant(g.init());
                if (v != null) value = v & 0xFFFFFFFFL;
            }
            out.add(new MemoryLayout.LayoutGlobal(wanted, index, value, module.globalType(index).mutable(), foundBy));
        }
        return out;
    }

    /** The value of a constant expression that is a single {@code i32.const}, else null. */
    private static Long constant(Instruction[] expr) {
        if (expr == null) return null;
        Long v = null;
        for (Instruction in : expr) {
            if (in.opcode == Opcodes.END) continue;
            if (in.opcode != Opcodes.I32_CONST || v != null) return null;
            v = (long) (int) in.a;
        }
        return v;
    }

    private static Long value(List<MemoryLayout.LayoutGlobal> globals, String name) {
        for (MemoryLayout.LayoutGlobal g : globals) {
            if (g.name().equals(name)) return g.value();
        }
        return null;
    }

    private static List<MemoryLayout.Region> regions(List<MemoryLayout.Segment> segments,
                                                     List<MemoryLayout.LayoutGlobal> globals, long memoryEnd) {
        List<MemoryLayout.Region> out = new ArrayList<>();
        long dataLo = Long.MAX_VALUE, dataHi = 0;
        for (MemoryLayout.Segment s : segments) {
            if (s.start() < 0) continue;
            out.add(new MemoryLayout.Region(s.start(), s.end(), MemoryLayout.Kind.DATA,
                    "data[" + s.index() + "]" + (s.name() != null ? " " + s.name() : ""), false));
            dataLo = Math.min(dataLo, s.start());
            dataHi = Math.max(dataHi, s.end());
        }
        Long sp = value(globals, "__stack_pointer");
        Long dataEnd = value(globals, "__data_end");
        Long heapBase = value(globals, "__heap_base");
        long heapFrom = -1;
        boolean heapInferred = false;
        if (sp != null && sp > 0) {
            if (sp <= dataLo || dataLo == Long.MAX_VALUE && dataEnd != null && sp <= dataEnd) {
                // --stack-first: the stack sits below the data.
                out.add(new MemoryLayout.Region(0, sp, MemoryLayout.Kind.STACK,
                        "stack, grows down from __stack_pointer", false));
                if (dataEnd != null && dataEnd > dataHi) {
                    out.add(new MemoryLayout.Region(Math.max(dataHi, sp), dataEnd, MemoryLayout.Kind.BSS,
                            ".bss up to __data_end", false));
                }
                heapFrom = align16(Math.max(dataHi, dataEnd != null ? dataEnd : 0));
                heapInferred = true;
            } else {
                boolean guessed = dataEnd == null;
                long stackLo = guessed ? Math.max(dataHi, sp - DEFAULT_STACK) : Math.min(align16(dataEnd), sp);
                long bssEnd = guessed ? stackLo : Math.min(dataEnd, stackLo);
                if (bssEnd > dataHi) {
                    out.add(new MemoryLayout.Region(dataHi, bssEnd, MemoryLayout.Kind.BSS,
                            guessed ? ".bss (zero-initialised data)" : ".bss up to __data_end", guessed));
                }
                out.add(new MemoryLayout.Region(stackLo, sp, MemoryLayout.Kind.STACK,
                        "stack, grows down from __stack_pointer", guessed));
                heapFrom = sp;
                heapInferred = true;
            }
        }
        if (heapBase != null) {
            heapFrom = heapBase;
            heapInferred = false;
        }
        if (heapFrom >= 0 && heapFrom < memoryEnd) {
            out.add(new MemoryLayout.Region(heapFrom, memoryEnd, MemoryLayout.Kind.HEAP,
                    heapInferred ? "heap (malloc), grows with memory.grow" : "heap from __heap_base, grows with memory.grow",
                    heapInferred));
        }
        out.sort(Comparator.comparingLong(MemoryLayout.Region::start).thenComparingLong(MemoryLayout.Region::end));
        return fillGaps(out, memoryEnd, sp != null || heapBase != null);
    }

    /**
     * Adds the stretches nothing claims: below the first region of a toolchain-laid-out memory
     * "unused" (wasm-ld leaves {@code [0, __global_base)} empty so null stays invalid), else "free".
     */
    private static List<MemoryLayout.Region> fillGaps(List<MemoryLayout.Region> regions, long memoryEnd, boolean laidOut) {
        List<MemoryLayout.Region> out = new ArrayList<>();
        long at = 0;
        for (MemoryLayout.Region r : regions) {
            if (r.start() > at) out.add(gap(at, r.start(), laidOut && at == 0));
            out.add(r);
            at = Math.max(at, r.end());
        }
        if (at < memoryEnd) out.add(gap(at, memoryEnd, false));
        return List.copyOf(out);
    }

    private static MemoryLayout.Region gap(long start, long end, boolean unused) {
        return unused
                ? new MemoryLayout.Region(start, end, MemoryLayout.Kind.UNUSED, "unused", false)
                : new MemoryLayout.Region(start, end, MemoryLayout.Kind.FREE, "free", false);
    }

    private static long align16(long v) {
        return (v + 15) & ~15L;
    }
}
