package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.calc.Calc;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.TrapException;

/** Calls the module compiled at build time through its typed facade: plain Java calls. */
class CalcTest {
    @Test
    void callsExportsWithJavaTypes() {
        Calc calc = new Calc(Imports.empty());
        int sum = calc.add(2, 3);
        assertEquals(5, sum);
        Calc.DivmodResult qr = calc.divmod(17, 5);
        assertEquals(new Calc.DivmodResult(3, 2), qr);
        assertEquals(5.0, calc.hypot(3.0, 4.0));
        calc.store(8, 0x0102030405060708L);
        assertEquals(0x05060708, calc.memory().readI32(8));
        assertEquals(2, calc.calls().get());
    }

    @Test
    void trapsAreTrapExceptions() {
        Calc calc = new Calc(Imports.empty());
        TrapException e = assertThrows(TrapException.class, () -> calc.divmod(1, 0));
        assertEquals("integer divide by zero", e.getMessage());
    }

    @Test
    void instancesAreIndependent() {
        Calc a = new Calc(Imports.empty()), b = new Calc(Imports.empty());
        a.add(1, 1);
        assertEquals(1, a.calls().get());
        assertEquals(0, b.calls().get());
    }
}
