package org.wasm2jvm.compiler.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.Instruction;

/** Assertions in the style of the spec tests: {@code assert_invalid} matches the message prefix. */
final class ValidationAssertions {
    private ValidationAssertions() {
    }

    static void assertValid(ModuleBuilder b) {
        ModuleValidator.validate(b.build());
    }

    static ModuleException assertInvalid(ModuleBuilder b, String expected) {
        ModuleException e = assertThrows(ModuleException.class, () -> ModuleValidator.validate(b.build()));
        assertEquals(ModuleException.Kind.INVALID, e.kind(), e.getMessage());
        assertTrue(e.reason().startsWith(expected), () -> "expected \"" + expected + "\" but got \"" + e.reason() + "\"");
        return e;
    }

    /** A module with one function of the given type. */
    static ModuleBuilder fn(ValType[] params, ValType[] results, Instruction... body) {
        return new ModuleBuilder().func(params, results, body);
    }

    /** A module with one {@code [] -> []} function. */
    static ModuleBuilder fn(Instruction... body) {
        return fn(ModuleBuilder.t(), ModuleBuilder.t(), body);
    }
}
