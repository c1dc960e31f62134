package org.wasm2jvm.compiler;

import java.nio.file.Path;
import java.util.Arrays;
import org.wasm2jvm.api.*;

public class SmokeMain {
    public static void main(String[] a) throws Exception {
        WasmModule m = WasmModule.compile(Path.of(a[0]));
        Instance i = m.instantiate(Imports.empty());
        System.out.println(Arrays.toString(i.function("add").call(2, 3)));
        System.out.println(Arrays.toString(i.function("fac").call(20L)));
        System.out.println(Arrays.toString(i.function("loop").call(100)));
        System.out.println(Arrays.toString(i.function("mem").call(8, 1234)));
        System.out.println(Arrays.toString(i.function("ci").call(5, 6, 1)));
        System.out.println(Arrays.toString(i.function("g").call()));
        System.out.println(Arrays.toString(i.function("multi").call(41)));
        System.out.println(Arrays.toString(i.function("brv").call(1)) + Arrays.toString(i.function("brv").call(0)));
        try { i.function("ci").call(5, 6, 0); } catch (TrapException e) { System.out.println("trap " + e.getMessage()); }
        try { i.function("ci").call(5, 6, 3); } catch (TrapException e) { System.out.println("trap " + e.getMessage()); }
        try { i.function("mem").call(65534, 6); } catch (TrapException e) { System.out.println("trap " + e.getMessage()); }
        try { i.function("div").call(5, 0); } catch (TrapException e) { System.out.println("trap " + e.getMessage()); }
    }
}
