package org.wasm2jvm.compiler.wast;

import java.util.List;
import org.wasm2jvm.api.WasmFunction;
import org.wasm2jvm.compiler.wast.WastCommand.Expected;
import org.wasm2jvm.compiler.wast.WastCommand.Value;

/**
 * Converts script values to the boxed values {@link WasmFunction#call(Object...)} takes, and
 * checks results against what a script expects. Floats compare by their exact bits, so
 * {@code -0.0} differs from {@code 0.0} and NaN payloads matter.
 *
 * @see <a href="https://github.com/WebAssembly/spec/tree/main/interpreter#scripts">Script results</a>
 */
final class WastValues {
    private final ExternRefs externRefs;

    WastValues(ExternRefs externRefs) {
        this.externRefs = externRefs;
    }

    /** The boxed argument for a script value. */
    Object argument(Value v) {
        switch (v.type()) {
            case I32: return (int) v.bits();
            case I64: return v.bits();
            case F32: return Float.intBitsToFloat((int) v.bits());
            case F64: return Double.longBitsToDouble(v.bits());
            case EXTERNREF: return v.isNull() ? null : externRefs.get(v.bits());
            case FUNCREF:
                if (v.isNull()) return null;
                throw new UnsupportedOperationException("ref.func arguments cannot be written in a script");
            default:
                throw new UnsupportedOperationException("unsupported argument type " + v.type());
        }
    }

    Object[] arguments(List<Value> args) {
        Object[] out = new Object[args.size()];
        for (int i = 0; i < out.length; i++) out[i] = argument(args.get(i));
        return out;
    }

    /** Whether {@code actual} (boxed, as returned by a call or a global) is what {@code e} allows. */
    boolean matches(Object actual, Expected e) {
        if (e.either() != null) {
            for (Expected alt : e.either()) {
                if (matches(actual, alt)) return true;
            }
            return false;
        }
        if (e.nan() != null && e.nan() != Expected.Nan.NONE) return matchesNan(actual, e);
        Value v = e.value();
        switch (v.type()) {
            case I32: return actual instanceof Integer && (Integer) actual == (int) v.bits();
            case I64: return actual instanceof Long && (Long) actual == v.bits();
            case F32: return actual instanceof Float && Float.floatToRawIntBits((Float) actual) == (int) v.bits();
            case F64: return actual instanceof Double && Double.doubleToRawLongBits((Double) actual) == v.bits();
            case FUNCREF:
                if (v.isNull()) return actual == null;
                return actual instanceof WasmFunction;
            case EXTERNREF:
                if (v.isNull()) return actual == null;
                if (e.anyRef()) return actual != null && !(actual instanceof WasmFunction);
                return actual == externRefs.get(v.bits());
            default:
                return false;
        }
    }

    private static boolean matchesNan(Object actual, Expected e) {
        boolean canonical = e.nan() == Expected.Nan.CANONICAL;
        if (actual instanceof Float) {
            if (e.value() != null && e.value().type() != Value.Type.F32) return false;
            float f = (Float) actual;
            return canonical ? NanClass.isCanonical(f) : NanClass.isArithmetic(f);
        }
        if (actual instanceof Double) {
            if (e.value() != null && e.value().type() != Value.Type.F64) return false;
            double d = (Double) actual;
            return canonical ? NanClass.isCanonical(d) : NanClass.isArithmetic(d);
        }
        return false;
    }

    /** Whether all results match, in order and number. */
    boolean matchesAll(Object[] actual, List<Expected> expected) {
        if (actual.length != expected.size()) return false;
        for (int i = 0; i < actual.length; i++) {
            if (!matches(actual[i], expected.get(i))) return false;
        }
        return true;
    }

    /** A result as the failure message shows it, e.g. {@code f32:-0x1p+0 (0xbf800000)}. */
    static String describe(Object actual) {
        if (actual == null) return "ref.null";
        if (actual instanceof Integer) {
            int i = (Integer) actual;
            return "i32:" + i + (i < 0 || i > 9 ? String.format(" (0x%08x)", i) : "");
        }
        if (actual instanceof Long) {
            long l = (Long) actual;
            return "i64:" + l + (l < 0 || l > 9 ? String.format(" (0x%016x)", l) : "");
        }
        if (actual instanceof Float) {
            float f = (Float) actual;
            return "f32:" + f + String.format(" (0x%08x)", Float.floatToRawIntBits(f));
        }
        if (actual instanceof Double) {
            double d = (Double) actual;
            return "f64:" + d + String.format(" (0x%016x)", Double.doubleToRawLongBits(d));
        }
        if (actual instanceof WasmFunction) return "ref.func";
        if (actual instanceof ExternRef) return actual.toString();
        return "ref.host " + actual.getClass().getSimpleName();
    }

    static String describeAll(Object[] actual) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < actual.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(describe(actual[i]));
        }
        return sb.append(']').toString();
    }

    static String describeExpected(Expected e) {
        if (e.either() != null) {
            StringBuilder sb = new StringBuilder("either(");
            for (int i = 0; i < e.either().size(); i++) {
                if (i > 0) sb.append(" | ");
                sb.append(describeExpected(e.either().get(i)));
            }
            return sb.append(')').toString();
        }
        Value v = e.value();
        String type = v == null ? "f?" : v.type().name().toLowerCase();
        if (e.nan() == Expected.Nan.CANONICAL) return type + ":nan:canonical";
        if (e.nan() == Expected.Nan.ARITHMETIC) return type + ":nan:arithmetic";
        switch (v.type()) {
            case I32: return describe((int) v.bits());
            case I64: return describe(v.bits());
            case F32: return describe(Float.intBitsToFloat((int) v.bits()));
            case F64: return describe(Double.longBitsToDouble(v.bits()));
            case FUNCREF: return v.isNull() ? "ref.null func" : "ref.func";
            case EXTERNREF:
                if (v.isNull()) return "ref.null extern";
                return e.anyRef() ? "ref.extern" : "ref.extern " + v.bits();
            default: return type;
        }
    }

    static String describeAllExpected(List<Expected> expected) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < expected.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(describeExpected(expected.get(i)));
        }
        return sb.append(']').toString();
    }
}
