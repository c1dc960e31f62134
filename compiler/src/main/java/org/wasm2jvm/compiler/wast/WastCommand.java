package org.wasm2jvm.compiler.wast;

import java.util.List;

/**
 * One top-level command of a WAST script, as produced by the WAST parser and consumed by the
 * script runner.
 *
 * @see <a href="https://github.com/WebAssembly/spec/tree/main/interpreter#scripts">The spec interpreter's script format</a>
 */
public sealed interface WastCommand {
    /** 1-based line of the command in the script. */
    int line();

    /** A module to compile, given as it appears in the script. */
    record ModuleSource(Kind kind, byte[] binary, String quote) {
        public enum Kind {
            /** A text module already encoded by the parser: {@code binary} holds its binary form. */
            TEXT,
            /** {@code (module binary "...")}: {@code binary} holds the bytes as written. */
            BINARY,
            /** {@code (module quote "...")}: {@code quote} holds the concatenated text, not yet parsed. */
            QUOTE
        }
    }

    /** {@code (module $id? ...)}: compile and instantiate; it becomes the current module. */
    record Module(int line, String id, ModuleSource source) implements WastCommand {}

    /** {@code (register "name" $id?)}. */
    record Register(int line, String as, String id) implements WastCommand {}

    /** An action: {@code (invoke $id? "name" args...)} or {@code (get $id? "name")}. */
    sealed interface Action {
        String moduleId();

        String name();
    }

    record Invoke(String moduleId, String name, List<Value> args) implements Action {}

    record Get(String moduleId, String name) implements Action {}

    /** A bare action at top level. */
    record Perform(int line, Action action) implements WastCommand {}

    record AssertReturn(int line, Action action, List<Expected> expected) implements WastCommand {}

    /** {@code assert_trap} on an action. */
    record AssertTrap(int line, Action action, String message) implements WastCommand {}

    /** {@code (assert_trap (module ...) "msg")}: instantiation must trap. */
    record AssertModuleTrap(int line, ModuleSource module, String message) implements WastCommand {}

    record AssertExhaustion(int line, Action action, String message) implements WastCommand {}

    record AssertMalformed(int line, ModuleSource module, String message) implements WastCommand {}

    record AssertInvalid(int line, ModuleSource module, String message) implements WastCommand {}

    record AssertUnlinkable(int line, ModuleSource module, String message) implements WastCommand {}

    record AssertUninstantiable(int line, ModuleSource module, String message) implements WastCommand {}

    /**
     * An argument or exact result value. Numbers carry raw bits: i32 and f32 in the low 32 bits
     * of {@code bits}, i64 and f64 as all 64. References: {@code ref.null} has {@code isNull};
     * {@code ref.extern N} has {@code bits = N}; {@code ref.func} (results only) any function.
     */
    record Value(Type type, long bits, boolean isNull) {
        public enum Type { I32, I64, F32, F64, V128, FUNCREF, EXTERNREF }
    }

    /**
     * An expected result: an exact value, or for floats {@code nan:canonical}/{@code nan:arithmetic},
     * or for references "any non-null" ({@code (ref.func)} / {@code (ref.extern)} without index).
     * {@code either} holds alternatives when the script used {@code (either ...)}, else null.
     */
    record Expected(Value value, Nan nan, boolean anyRef, List<Expected> either) {
        public enum Nan { NONE, CANONICAL, ARITHMETIC }

        public static Expected exact(Value v) {
            return new Expected(v, Nan.NONE, false, null);
        }
    }
}
