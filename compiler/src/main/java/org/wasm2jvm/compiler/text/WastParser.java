package org.wasm2jvm.compiler.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.compiler.wast.WastCommand;
import org.wasm2jvm.compiler.wast.WastCommand.Expected;
import org.wasm2jvm.compiler.wast.WastCommand.ModuleSource;
import org.wasm2jvm.compiler.wast.WastCommand.Value;

/**
 * Parses a WAST script (the spec test format) into {@link WastCommand}s. Text modules are encoded
 * to binary right away; quoted modules are kept as text for the runner to parse.
 *
 * @see <a href="https://github.com/WebAssembly/spec/tree/main/interpreter#scripts">Scripts</a>
 */
public final class WastParser {
    private static final java.util.Set<String> MODULE_FIELDS =
            java.util.Set.of("type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data");

    private final String script;
    private final int[] lineStarts;

    private WastParser(String script) {
        this.script = script;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < script.length(); i++) {
            if (script.charAt(i) == '\n') starts.add(i + 1);
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @throws WastSyntaxException if the script (outside quoted modules) does not parse
     */
    public static List<WastCommand> parse(String script) {
        WastParser p = new WastParser(script);
        List<SExpr> top;
        try {
            top = WatLexer.read(script);
        } catch (ModuleException e) {
            throw new WastSyntaxException(p.line((int) e.offset()), e.reason(), e);
        }
        List<WastCommand> out = new ArrayList<>();
        if (!top.isEmpty() && top.get(0) instanceof SExpr.Group first && MODULE_FIELDS.contains(first.head())) {
            // A script may consist of bare module fields only: they form one module.
            try {
                byte[] bin = ModuleEncoder.encode(top);
                out.add(new WastCommand.Module(1, null, new ModuleSource(ModuleSource.Kind.TEXT, bin, null)));
            } catch (ModuleException e) {
                out.add(new WastCommand.Module(1, null, new ModuleSource(ModuleSource.Kind.QUOTE, null, script)));
            }
            return out;
        }
        for (SExpr n : top) {
            try {
                out.add(p.command(n));
            } catch (ModuleException e) {
                throw new WastSyntaxException(p.line(e.offset() >= 0 ? (int) e.offset() : n.offset()), e.reason(), e);
            }
        }
        return out;
    }

    int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private WastCommand command(SExpr n) {
        if (!(n instanceof SExpr.Group g) || g.head() == null) throw Items.unexpected(n);
        int line = line(g.offset());
        Items it = Items.body(g);
        switch (g.head()) {
            case "module" -> {
                String id = it.peekId() ? ((SExpr.Atom) it.peek()).text() : null;
                return new WastCommand.Module(line, id, module(g));
            }
            case "register" -> {
                String as = new String(it.nextString(), StandardCharsets.UTF_8);
                String id = it.optId();
                it.end();
                return new WastCommand.Register(line, as, id);
            }
            case "invoke", "get" -> {
                return new WastCommand.Perform(line, action(g));
            }
            case "assert_return" -> {
                WastCommand.Action a = action(groupArg(it));
                List<Expected> expected = new ArrayList<>();
                while (!it.atEnd()) expected.add(expected(groupArg(it)));
                return new WastCommand.AssertReturn(line, a, expected);
            }
            case "assert_trap" -> {
                SExpr.Group target = groupArg(it);
                String msg = message(it);
                if (target.is("module")) return new WastCommand.AssertModuleTrap(line, module(target), msg);
                return new WastCommand.AssertTrap(line, action(target), msg);
            }
            case "assert_exhaustion" -> {
                WastCommand.Action a = action(groupArg(it));
                return new WastCommand.AssertExhaustion(line, a, message(it));
            }
            case "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable" -> {
                SExpr.Group m = groupArg(it);
                if (!m.is("module")) throw Items.unexpected(m);
                ModuleSource src = module(m);
                String msg = message(it);
                return switch (g.head()) {
                    case "assert_malformed" -> new WastCommand.AssertMalformed(line, src, msg);
                    case "assert_invalid" -> new WastCommand.AssertInvalid(line, src, msg);
                    case "assert_unlinkable" -> new WastCommand.AssertUnlinkable(line, src, msg);
                    default -> new WastCommand.AssertUninstantiable(line, src, msg);
                };
            }
            default -> throw Items.unexpected(g.items().get(0));
        }
    }

    private static SExpr.Group groupArg(Items it) {
        SExpr n = it.next();
        if (n instanceof SExpr.Group g) return g;
        throw Items.unexpected(n);
    }

    private static String message(Items it) {
        String s = new String(it.nextString(), StandardCharsets.UTF_8);
        it.end();
        return s;
    }

    /**
     * A module form. A text module that fails to encode is kept as its source text (QUOTE), so
     * the runner reports the error where the script expects it, e.g. in {@code assert_malformed}.
     */
    private ModuleSource module(SExpr.Group g) {
        Items it = Items.body(g);
        it.optId();
        if (it.peekKeyword("binary")) {
            it.next();
            return new ModuleSource(ModuleSource.Kind.BINARY, WatParser.strings(it), null);
        }
        if (it.peekKeyword("quote")) {
            it.next();
            return new ModuleSource(ModuleSource.Kind.QUOTE, null,
                    new String(WatParser.strings(it), StandardCharsets.UTF_8));
        }
        try {
            return new ModuleSource(ModuleSource.Kind.TEXT, WatParser.moduleForm(g), null);
        } catch (ModuleException e) {
            return new ModuleSource(ModuleSource.Kind.QUOTE, null, script.substring(g.offset(), g.endOffset()));
        }
    }

    private static WastCommand.Action action(SExpr.Group g) {
        Items it = Items.body(g);
        String id = it.optId();
        String name = new String(it.nextString(), StandardCharsets.UTF_8);
        if (g.is("get")) {
            it.end();
            return new WastCommand.Get(id, name);
        }
        if (!g.is("invoke")) throw Items.unexpected(g.items().isEmpty() ? g : g.items().get(0));
        List<Value> args = new ArrayList<>();
        while (!it.atEnd()) {
            Expected e = expected(groupArg(it));
            if (e.value() == null || e.nan() != Expected.Nan.NONE || e.anyRef()) throw Items.unexpected(g);
            args.add(e.value());
        }
        return new WastCommand.Invoke(id, name, args);
    }

    /** A constant, {@code nan:canonical}/{@code nan:arithmetic} pattern, {@code (ref.func)}, or {@code (either ...)}. */
    private static Expected expected(SExpr.Group g) {
        Items it = Items.body(g);
        String head = g.head();
        if (head == null) throw Items.unexpected(g);
        switch (head) {
            case "i32.const", "i64.const" -> {
                SExpr.Atom a = it.nextAtom();
                it.end();
                try {
                    return Expected.exact(head.startsWith("i32")
                            ? new Value(Value.Type.I32, WatNumbers.parseI32(a.text()) & 0xFFFFFFFFL, false)
                            : new Value(Value.Type.I64, WatNumbers.parseI64(a.text()), false));
                } catch (WatNumbers.NotANumber e) {
                    throw Items.unexpected(a);
                } catch (WatNumbers.OutOfRange e) {
                    throw Items.error("constant out of range", a);
                }
            }
            case "f32.const", "f64.const" -> {
                boolean f32 = head.startsWith("f32");
                Value.Type type = f32 ? Value.Type.F32 : Value.Type.F64;
                SExpr.Atom a = it.nextAtom();
                it.end();
                if (a.isKeyword("nan:canonical") || a.isKeyword("nan:arithmetic")) {
                    Expected.Nan nan = a.text().endsWith("canonical") ? Expected.Nan.CANONICAL : Expected.Nan.ARITHMETIC;
                    return new Expected(new Value(type, 0, false), nan, false, null);
                }
                long bits = InstrEncoder.floatBits(a, f32 ? WatNumbers.Format.F32 : WatNumbers.Format.F64);
                if (f32) bits &= 0xFFFFFFFFL;
                return Expected.exact(new Value(type, bits, false));
            }
            case "ref.null" -> {
                SExpr.Atom a = it.nextAtom();
                it.end();
                Value.Type t;
                if (a.isKeyword("func")) t = Value.Type.FUNCREF;
                else if (a.isKeyword("extern")) t = Value.Type.EXTERNREF;
                else throw Items.unexpected(a);
                return Expected.exact(new Value(t, 0, true));
            }
            case "ref.extern", "ref.func" -> {
                Value.Type t = head.equals("ref.func") ? Value.Type.FUNCREF : Value.Type.EXTERNREF;
                if (it.atEnd()) return new Expected(new Value(t, 0, false), Expected.Nan.NONE, true, null);
                long v = it.nextU32();
                it.end();
                return Expected.exact(new Value(t, v, false));
            }
            case "either" -> {
                List<Expected> alts = new ArrayList<>();
                while (!it.atEnd()) alts.add(expected(groupArg(it)));
                return new Expected(null, Expected.Nan.NONE, false, alts);
            }
            default -> throw Items.unexpected(g.items().get(0));
        }
    }
}
