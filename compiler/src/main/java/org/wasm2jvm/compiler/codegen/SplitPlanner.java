package org.wasm2jvm.compiler.codegen;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.model.FunctionBody;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.model.Opcodes;

/**
 * Decides which parts of an oversized function move into their own JVM methods ("regions"),
 * so that every method stays under HotSpot's 8,000-byte JIT limit and far under the JVM's
 * 64 KB limit. Cuts follow the Wasm block structure: a region is either a whole
 * {@code block}/{@code loop}, or a run of sibling instructions that starts and ends with an
 * empty operand stack (relative to its enclosing block). Sizes are estimates of the bytecode
 * each instruction becomes.
 */
final class SplitPlanner {
    /** Estimated bytecode size above which a method is split, unless the caller asks for less. */
    static final int LIMIT = 6000;
    /** Regions smaller than this are not worth a call. */
    static final int MIN_REGION = 300;

    /** A region: instructions [start, end) of the function body. */
    static final class Region {
        final int start;
        final int end;
        final boolean isBlock;
        final BitSet used = new BitSet();
        final BitSet written = new BitSet();

        Region(int start, int end, boolean isBlock) {
            this.start = start;
            this.end = end;
            this.isBlock = isBlock;
        }
    }

    private static final class Node {
        final int start; // pc of block/loop/if; -1 for the function body
        int end;         // pc of matching end
        int opcode;
        final List<List<Object>> bodies = new ArrayList<>(); // items: Integer pc or Node
        int effective;

        Node(int start, int opcode) {
            this.start = start;
            this.opcode = opcode;
            bodies.add(new ArrayList<>());
        }
    }

    private final Module module;
    private final Instruction[] code;
    private final Map<Integer, List<Region>> regions = new HashMap<>();
    private final int limit;

    private SplitPlanner(Module module, FunctionBody body, int limit) {
        this.module = module;
        this.code = body.code();
        this.limit = limit;
    }

    /** The estimated bytecode size of the whole function, before any split. */
    static int estimateFunction(FunctionBody body) {
        int total = 0;
        for (Instruction in : body.code()) total += estimate(in);
        return total + 4 * body.locals().length;
    }

    /** Regions by start pc, outermost first; empty when the function fits as it is. */
    static Map<Integer, List<Region>> plan(Module module, FuncType type, FunctionBody body, int limit) {
        SplitPlanner p = new SplitPlanner(module, body, limit);
        if (estimateFunction(body) <= limit) return Map.of();
        Node root = p.buildTree();
        p.process(root);
        for (List<Region> l : p.regions.values()) {
            l.sort((a, b) -> Integer.compare(b.end, a.end));
            for (Region r : l) p.computeLocals(r);
        }
        return p.regions;
    }

    private Node buildTree() {
        Node root = new Node(-1, -1);
        List<Node> stack = new ArrayList<>();
        stack.add(root);
        for (int pc = 0; pc < code.length; pc++) {
            Instruction in = code[pc];
            Node top = stack.get(stack.size() - 1);
            switch (in.opcode) {
                case Opcodes.BLOCK:
                case Opcodes.LOOP:
                case Opcodes.IF: {
                    Node n = new Node(pc, in.opcode);
                    top.bodies.get(top.bodies.size() - 1).add(n);
                    stack.add(n);
                    break;
                }
                case Opcodes.ELSE:
                    top.bodies.add(new ArrayList<>());
                    break;
                case Opcodes.END:
                    top.end = pc;
                    stack.remove(stack.size() - 1);
                    break;
                default:
                    top.bodies.get(top.bodies.size() - 1).add(pc);
                    break;
            }
        }
        return root;
    }

    private int itemSize(Object item) {
        return item instanceof Node ? ((Node) item).effective : estimate(code[(Integer) item]);
    }

    private int itemStart(Object item) {
        return item instanceof Node ? ((Node) item).start : (Integer) item;
    }

    private int itemEnd(Object item) {
        return item instanceof Node ? ((Node) item).end + 1 : (Integer) item + 1;
    }

    private void process(Node node) {
        int total = 3;
        for (List<Object> body : node.bodies) {
            for (Object item : body) {
                if (item instanceof Node) process((Node) item);
                total += itemSize(item);
            }
        }
        if (total > limit) {
            total = 3;
            for (int b = 0; b < node.bodies.size(); b++) {
                total += packBody(node, b);
            }
        }
        node.effective = total;
    }

    /** An entry of a body being packed: an instruction, a child block, or an already outlined range. */
    private static final class Item {
        final int start, end, size, height;
        final Node node;

        Item(int start, int end, int size, int height, Node node) {
            this.start = start;
            this.end = end;
            this.size = size;
            this.height = height;
            this.node = node;
        }
    }

    /**
     * Outlines ranges of one body, level after level (ranges of ranges) until what stays in
     * the method fits; returns the body's size afterwards.
     */
    private int packBody(Node node, int bodyIndex) {
        List<Object> raw = node.bodies.get(bodyIndex);
        int n = raw.size();
        List<Item> items = new ArrayList<>(n);
        int h = 0;
        if (node.start >= 0) h = blockParamCount(code[node.start].a);
        boolean dead = false;
        for (Object o : raw) {
            Node child = o instanceof Node ? (Node) o : null;
            items.add(new Item(itemStart(o), itemEnd(o), itemSize(o), dead ? -1 : h, child));
            if (dead) continue;
            if (child != null) {
                Instruction in = code[child.start];
                h += -blockParamCount(in.a) + blockResultCount(in.a) - (in.opcode == Opcodes.IF ? 1 : 0);
            } else {
                Instruction in = code[(Integer) o];
                int op = in.opcode;
                if (op == Opcodes.BR || op == Opcodes.BR_TABLE || op == Opcodes.RETURN || op == Opcodes.UNREACHABLE) {
                    dead = true;
                } else {
                    h += StackEffects.delta(module, in);
                }
            }
        }
        int heightEnd = dead ? 0 : h;
        while (true) {
            int total = 0;
            for (Item it : items) total += it.size;
            if (total <= limit) return total;
            List<Item> packed = pack(items, heightEnd);
            if (packed.size() >= items.size()) {
                total = 0;
                for (Item it : packed) total += it.size;
                return total;
            }
            items = packed;
        }
    }

    private List<Item> pack(List<Item> items, int heightEnd) {
        int n = items.size();
        List<Item> out = new ArrayList<>();
        int rangeStart = -1;
        int rangeSize = 0;
        int i = 0;
        while (i < n) {
            int j = i + 1;
            int segSize = items.get(i).size;
            while (j < n && items.get(j).height != 0) {
                segSize += items.get(j).size;
                j++;
            }
            boolean open = items.get(i).height != 0 || (j == n && heightEnd != 0);
            if (open || segSize > limit) {
                closeRange(items, rangeStart, i, rangeSize, out);
                rangeStart = -1;
                rangeSize = 0;
                if (segSize > limit) shrinkSegment(items, i, j, segSize);
                for (int k = i; k < j; k++) out.add(items.get(k));
                i = j;
                continue;
            }
            if (rangeStart >= 0 && rangeSize + segSize > limit) {
                closeRange(items, rangeStart, i, rangeSize, out);
                rangeStart = -1;
                rangeSize = 0;
            }
            if (rangeStart < 0) rangeStart = i;
            rangeSize += segSize;
            i = j;
        }
        closeRange(items, rangeStart, n, rangeSize, out);
        return out;
    }

    private void closeRange(List<Item> items, int from, int to, int size, List<Item> out) {
        if (from < 0 || from >= to) return;
        int start = items.get(from).start;
        int end = items.get(to - 1).end;
        int stub = stubSize(start, end);
        if (size < MIN_REGION || size <= stub || (to - from == 1 && items.get(from).node == null && items.get(from).size <= stub)) {
            for (int k = from; k < to; k++) out.add(items.get(k));
            return;
        }
        addRegion(new Region(start, end, false));
        out.add(new Item(start, end, stub, 0, null));
    }

    /** Estimated bytecode of a region call: frame syncs of the locals it touches, call, dispatch. */
    private int stubSize(int start, int end) {
        BitSet locals = new BitSet();
        for (int pc = start; pc < end; pc++) {
            int op = code[pc].opcode;
            if (op == Opcodes.LOCAL_GET || op == Opcodes.LOCAL_SET || op == Opcodes.LOCAL_TEE) locals.set((int) code[pc].a);
        }
        return 60 + 16 * locals.cardinality();
    }

    private void shrinkSegment(List<Item> items, int from, int to, int size) {
        List<Node> children = new ArrayList<>();
        for (int k = from; k < to; k++) {
            Node c = items.get(k).node;
            if (c != null && c.opcode != Opcodes.IF) children.add(c);
        }
        children.sort((a, b) -> Integer.compare(b.effective, a.effective));
        for (Node c : children) {
            if (size <= limit) break;
            if (c.effective < MIN_REGION) break;
            addRegion(new Region(c.start, c.end + 1, true));
            size -= c.effective - stubSize(c.start, c.end + 1);
        }
    }

    private void addRegion(Region r) {
        List<Region> l = regions.computeIfAbsent(r.start, k -> new ArrayList<>());
        for (Region o : l) {
            if (o.end == r.end) return;
        }
        l.add(r);
    }

    private void computeLocals(Region r) {
        for (int pc = r.start; pc < r.end; pc++) {
            Instruction in = code[pc];
            if (in.opcode == Opcodes.LOCAL_GET) {
                r.used.set((int) in.a);
            } else if (in.opcode == Opcodes.LOCAL_SET || in.opcode == Opcodes.LOCAL_TEE) {
                r.used.set((int) in.a);
                r.written.set((int) in.a);
            }
        }
    }

    private int blockParamCount(long bt) {
        return bt >= 0 ? module.types.get((int) bt).paramCount() : 0;
    }

    private int blockResultCount(long bt) {
        if (bt >= 0) return module.types.get((int) bt).resultCount();
        return bt == -64 ? 0 : 1;
    }

    /** Rough upper estimate of the bytecode an instruction becomes. */
    static int estimate(Instruction in) {
        int op = in.opcode;
        switch (op) {
            case Opcodes.BLOCK: case Opcodes.LOOP: case Opcodes.END: case Opcodes.NOP: return 0;
            case Opcodes.LOCAL_GET: case Opcodes.LOCAL_SET: return 3;
            case Opcodes.LOCAL_TEE: return 4;
            case Opcodes.DROP: return 1;
            case Opcodes.I32_CONST: case Opcodes.I64_CONST: return 3;
            case Opcodes.F32_CONST: case Opcodes.F64_CONST: return 6;
            case Opcodes.BR: return 8;
            case Opcodes.BR_IF: case Opcodes.IF: case Opcodes.ELSE: return 8;
            case Opcodes.BR_TABLE: return 20 + 4 * in.labels.length;
            case Opcodes.CALL: return 24;
            case Opcodes.CALL_INDIRECT: return 36;
            case Opcodes.GLOBAL_GET: return 8;
            case Opcodes.GLOBAL_SET: return 10;
            case Opcodes.SELECT: case Opcodes.SELECT_T: return 10;
            default:
                if (op >= Opcodes.I32_LOAD && op <= Opcodes.I64_STORE32) return 11;
                if (op >= Opcodes.I32_EQZ && op <= Opcodes.F64_GE) return 10;
                return 8;
        }
    }
}
