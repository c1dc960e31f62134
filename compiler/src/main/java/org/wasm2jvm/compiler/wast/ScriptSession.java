package org.wasm2jvm.compiler.wast;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.GlobalInstance;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.LinkException;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.TrapException;
import org.wasm2jvm.api.WasmFunction;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.compiler.WasmCompiler;
import org.wasm2jvm.binary.ModuleDecoder;
import org.wasm2jvm.compiler.wast.WastCommand.Action;
import org.wasm2jvm.compiler.wast.WastCommand.ModuleSource;

/**
 * The state of one running script — the current module, named modules, registered instances,
 * the spectest module — and the execution of its commands one at a time. Unlike the reference
 * interpreter, a failed command never stops the script: every command gets its own result.
 *
 * @see <a href="https://github.com/WebAssembly/spec/tree/main/interpreter#scripts">The spec interpreter's script semantics</a>
 */
final class ScriptSession {
    /**
     * {@code -Dwasm2jvm.spec.metering=true} runs scripts with metered code that also counts call
     * depth (neither must change any result); {@code -Dwasm2jvm.spec.compilation=eager} compiles
     * eagerly instead of lazily (the default).
     */
    private static final CompileOptions OPTIONS = CompileOptions.builder()
            .compilation(org.wasm2jvm.api.Compilation.valueOf(
                    System.getProperty("wasm2jvm.spec.compilation", "lazy").toUpperCase(java.util.Locale.ROOT)))
            .metering(Boolean.getBoolean("wasm2jvm.spec.metering"))
            .callDepthLimit(Boolean.getBoolean("wasm2jvm.spec.metering")).build();

    private final String file;
    private final WastFrontEnd frontEnd;
    private final Imports imports = new Imports();
    private final Map<String, Instance> named = new HashMap<>();
    private final WastValues values = new WastValues(new ExternRefs());
    private Instance current;
    /** Why there is no current module, when the last module command failed. */
    private String currentMissing = "no module defined yet";

    ScriptSession(String file, WastFrontEnd frontEnd, PrintStream spectestOut) {
        this.file = file;
        this.frontEnd = frontEnd;
        SpecTestModule.addTo(imports, spectestOut);
    }

    /** Runs one command. Never throws except {@link ThreadDeath} (the runner's timeout). */
    @SuppressWarnings("removal")
    CommandResult execute(WastCommand command) {
        String name = keyword(command);
        try {
            return run(command, name);
        } catch (ThreadDeath e) {
            throw e;
        } catch (StackOverflowError e) {
            return fail(command, name, "call stack exhausted outside an assert_exhaustion");
        } catch (Throwable e) {
            return fail(command, name, "unexpected " + describe(e));
        }
    }

    private CommandResult run(WastCommand command, String name) {
        if (command instanceof WastCommand.Module m) return module(m);
        if (command instanceof WastCommand.Register r) return register(r);
        if (command instanceof WastCommand.Perform p) {
            try {
                perform(p.action());
                return pass(p, name);
            } catch (TrapException e) {
                return fail(p, name, "trap: " + e.getMessage());
            }
        }
        if (command instanceof WastCommand.AssertReturn a) return assertReturn(a, name);
        if (command instanceof WastCommand.AssertTrap a) return assertActionTrap(a, a.action(), a.message(), name);
        if (command instanceof WastCommand.AssertExhaustion a) return assertActionTrap(a, a.action(), a.message(), name);
        if (command instanceof WastCommand.AssertModuleTrap a) return assertInstantiationTraps(a, a.module(), a.message(), name);
        if (command instanceof WastCommand.AssertUninstantiable a) return assertInstantiationTraps(a, a.module(), a.message(), name);
        if (command instanceof WastCommand.AssertMalformed a) return assertCompileFails(a, a.module(), a.message(), ModuleException.Kind.MALFORMED, name);
        if (command instanceof WastCommand.AssertInvalid a) return assertCompileFails(a, a.module(), a.message(), ModuleException.Kind.INVALID, name);
        if (command instanceof WastCommand.AssertUnlinkable a) return assertUnlinkable(a, name);
        return fail(command, name, "unsupported command");
    }

    // ---- modules ----

    private CommandResult module(WastCommand.Module m) {
        // Until this module exists, actions on the current or this named module must not reach an older one.
        current = null;
        if (m.id() != null) named.remove(m.id());
        try {
            Instance instance = compile(m.source()).instantiate(imports);
            current = instance;
            if (m.id() != null) named.put(m.id(), instance);
            return pass(m, "module");
        } catch (ModuleException | LinkException | TrapException e) {
            currentMissing = "module at line " + m.line() + " failed";
            return fail(m, "module", describe(e));
        } catch (RuntimeException | Error e) {
            currentMissing = "module at line " + m.line() + " failed";
            throw e;
        }
    }

    /**
     * Compiles a script module. The script says which format it is in, so binary modules go
     * straight to the decoder: {@link WasmModule#compile(byte[])} would take bytes without the
     * magic for text and report a text error instead of the binary one the script expects.
     */
    private WasmModule compile(ModuleSource source) {
        byte[] binary = source.kind() == ModuleSource.Kind.QUOTE ? frontEnd.parseQuotedModule(source.quote()) : source.binary();
        return WasmCompiler.compileModule(ModuleDecoder.decode(binary), OPTIONS);
    }

    private CommandResult register(WastCommand.Register r) {
        Instance instance = instance(r.id());
        imports.instance(r.as(), instance);
        return pass(r, "register");
    }

    private Instance instance(String id) {
        if (id == null) {
            if (current == null) throw new IllegalStateException("no current module: " + currentMissing);
            return current;
        }
        Instance i = named.get(id);
        if (i == null) throw new IllegalStateException("unknown module " + id);
        return i;
    }

    // ---- actions ----

    /** Runs an action; traps propagate. */
    private Object[] perform(Action action) {
        Instance instance = instance(action.moduleId());
        Object export = instance.exports().get(action.name());
        if (export == null) throw new IllegalStateException("unknown export \"" + action.name() + "\"");
        if (action instanceof WastCommand.Invoke invoke) {
            if (!(export instanceof WasmFunction f)) throw new IllegalStateException("export \"" + action.name() + "\" is not a function");
            return f.call(values.arguments(invoke.args()));
        }
        if (!(export instanceof GlobalInstance g)) throw new IllegalStateException("export \"" + action.name() + "\" is not a global");
        return new Object[] {g.get()};
    }

    // ---- assertions ----

    private CommandResult assertReturn(WastCommand.AssertReturn a, String name) {
        Object[] actual;
        try {
            actual = perform(a.action());
        } catch (TrapException e) {
            return fail(a, name, "trap: " + e.getMessage() + "; expected " + WastValues.describeAllExpected(a.expected()));
        }
        if (values.matchesAll(actual, a.expected())) return pass(a, name);
        return fail(a, name, "got " + WastValues.describeAll(actual) + ", expected " + WastValues.describeAllExpected(a.expected()));
    }

    private CommandResult assertActionTrap(WastCommand a, Action action, String expected, String name) {
        Object[] actual;
        try {
            actual = perform(action);
        } catch (TrapException e) {
            return checkMessage(a, name, e.getMessage(), expected, false);
        } catch (StackOverflowError e) {
            // Only reachable if a call path bypassed WasmFunction.call's own translation.
            return checkMessage(a, name, "call stack exhausted", expected, false);
        }
        return fail(a, name, "returned " + WastValues.describeAll(actual) + ", expected trap \"" + expected + "\"");
    }

    private CommandResult assertInstantiationTraps(WastCommand a, ModuleSource source, String expected, String name) {
        WasmModule module;
        try {
            module = compile(source);
        } catch (ModuleException e) {
            return fail(a, name, "module does not compile: " + describe(e));
        }
        try {
            module.instantiate(imports);
        } catch (TrapException e) {
            return checkMessage(a, name, e.getMessage(), expected, false);
        } catch (LinkException e) {
            return fail(a, name, "unlinkable: " + e.getMessage() + "; expected trap \"" + expected + "\"");
        }
        return fail(a, name, "instantiated, expected trap \"" + expected + "\"");
    }

    private CommandResult assertCompileFails(WastCommand a, ModuleSource source, String expected, ModuleException.Kind kind, String name) {
        try {
            compile(source);
        } catch (ModuleException e) {
            if (e.kind() != kind) {
                return fail(a, name, "module is " + e.kind().name().toLowerCase() + " (" + e.getMessage() + "), expected "
                        + kind.name().toLowerCase() + " \"" + expected + "\"");
            }
            return checkMessage(a, name, e.reason(), expected, true);
        }
        return fail(a, name, "module compiled, expected " + kind.name().toLowerCase() + " \"" + expected + "\"");
    }

    private CommandResult assertUnlinkable(WastCommand.AssertUnlinkable a, String name) {
        WasmModule module;
        try {
            module = compile(a.module());
        } catch (ModuleException e) {
            return fail(a, name, "module does not compile: " + describe(e));
        }
        try {
            module.instantiate(imports);
        } catch (LinkException e) {
            return checkMessage(a, name, e.getMessage(), a.message(), false);
        } catch (TrapException e) {
            return fail(a, name, "trap: " + e.getMessage() + "; expected unlinkable \"" + a.message() + "\"");
        }
        return fail(a, name, "instantiated, expected unlinkable \"" + a.message() + "\"");
    }

    /**
     * The reference interpreter accepts an error whose message starts with the expected text.
     * For compile errors ({@code lenient}) the kind of error is what matters to us; other
     * wording passes but is counted so it can be brought in line.
     */
    private CommandResult checkMessage(WastCommand a, String name, String actual, String expected, boolean lenient) {
        String got = actual == null ? "" : actual;
        if (got.startsWith(expected)) return pass(a, name);
        String why = "got \"" + got + "\", expected \"" + expected + "\"";
        return lenient ? CommandResult.mismatch(file, a.line(), name, why) : fail(a, name, why);
    }

    // ---- helpers ----

    private CommandResult pass(WastCommand c, String name) {
        return CommandResult.pass(file, c.line(), name);
    }

    private CommandResult fail(WastCommand c, String name, String message) {
        return CommandResult.fail(file, c.line(), name, message);
    }

    private static String describe(Throwable e) {
        String kind;
        if (e instanceof ModuleException m) kind = m.kind().name().toLowerCase();
        else if (e instanceof LinkException) kind = "unlinkable";
        else if (e instanceof TrapException) kind = "trap";
        else kind = e.getClass().getSimpleName();
        String msg = e.getMessage();
        return kind + (msg == null ? "" : ": " + msg.replace('\n', ' '));
    }

    static String keyword(WastCommand c) {
        if (c instanceof WastCommand.Module) return "module";
        if (c instanceof WastCommand.Register) return "register";
        if (c instanceof WastCommand.Perform p) return p.action() instanceof WastCommand.Invoke ? "invoke" : "get";
        if (c instanceof WastCommand.AssertReturn) return "assert_return";
        if (c instanceof WastCommand.AssertTrap || c instanceof WastCommand.AssertModuleTrap) return "assert_trap";
        if (c instanceof WastCommand.AssertExhaustion) return "assert_exhaustion";
        if (c instanceof WastCommand.AssertMalformed) return "assert_malformed";
        if (c instanceof WastCommand.AssertInvalid) return "assert_invalid";
        if (c instanceof WastCommand.AssertUnlinkable) return "assert_unlinkable";
        if (c instanceof WastCommand.AssertUninstantiable) return "assert_uninstantiable";
        return c.getClass().getSimpleName();
    }
}
