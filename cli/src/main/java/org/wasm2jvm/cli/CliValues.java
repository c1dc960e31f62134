package org.wasm2jvm.cli;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.api.WasmFunction;

/**
 * Reads command-line arguments as Wasm values of a given type and prints results, in the
 * spirit of the text format's literals: integers in decimal or hex (signed or unsigned range,
 * {@code _} separators allowed), floats in decimal or hex, {@code inf}, {@code nan} and
 * {@code nan:0xPAYLOAD}.
 *
 * @see <a href="https://webassembly.github.io/spec/core/text/values.html">Spec 6.3 Values (text format)</a>
 */
final class CliValues {
    /** A float literal without sign; Java's own parser would also take suffixes like {@code f}. */
    private static final Pattern FLOAT_LITERAL = Pattern.compile(
            "[0-9]+(\\.[0-9]*)?(e[+-]?[0-9]+)?|0x[0-9a-f]+(\\.[0-9a-f]*)?(p[+-]?[0-9]+)?");

    private CliValues() {}

    /** The boxed value for {@code text} as a {@code type} argument. */
    static Object parse(String text, ValType type) {
        String s = text.trim().replace("_", "");
        try {
            switch (type) {
                case I32: return (int) parseInteger(s, 32);
                case I64: return parseInteger(s, 64);
                case F32: return parseF32(s);
                case F64: return parseF64(s);
                case FUNCREF:
                case EXTERNREF:
                    if (s.equals("null")) return null;
                    throw new IllegalArgumentException();
                default:
                    throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new CliException("not a valid " + type + " argument: " + text, ExitCodes.USAGE);
        }
    }

    /** Parses a signed or unsigned integer literal that fits {@code bits}; returns its low bits. */
    static long parseInteger(String s, int bits) {
        boolean negative = s.startsWith("-");
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        BigInteger magnitude;
        if (body.matches("0[xX][0-9a-fA-F]+")) {
            magnitude = new BigInteger(body.substring(2), 16);
        } else if (body.matches("[0-9]+")) {
            magnitude = new BigInteger(body, 10);
        } else {
            throw new NumberFormatException(s);
        }
        BigInteger value = negative ? magnitude.negate() : magnitude;
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger maxUnsigned = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (value.compareTo(min) < 0 || value.compareTo(maxUnsigned) > 0) throw new NumberFormatException(s);
        return value.longValue();
    }

    static float parseF32(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String body = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        int sign = negative ? 0x8000_0000 : 0;
        if (body.equals("inf") || body.equals("infinity")) return Float.intBitsToFloat(sign | 0x7f80_0000);
        if (body.equals("nan")) return Float.intBitsToFloat(sign | 0x7fc0_0000);
        if (body.startsWith("nan:0x")) {
            long payload = Long.parseLong(body.substring(6), 16);
            if (payload == 0 || payload > 0x7f_ffffL) throw new NumberFormatException(s);
            return Float.intBitsToFloat(sign | 0x7f80_0000 | (int) payload);
        }
        if (!FLOAT_LITERAL.matcher(body).matches()) throw new NumberFormatException(s);
        return Float.parseFloat(javaFloatLiteral(lower));
    }

    static double parseF64(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String body = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        long sign = negative ? 0x8000_0000_0000_0000L : 0;
        if (body.equals("inf") || body.equals("infinity")) return Double.longBitsToDouble(sign | 0x7ff0_0000_0000_0000L);
        if (body.equals("nan")) return Double.longBitsToDouble(sign | 0x7ff8_0000_0000_0000L);
        if (body.startsWith("nan:0x")) {
            long payload = Long.parseUnsignedLong(body.substring(6), 16);
            if (payload == 0 || Long.compareUnsigned(payload, 0xf_ffff_ffff_ffffL) > 0) throw new NumberFormatException(s);
            return Double.longBitsToDouble(sign | 0x7ff0_0000_0000_0000L | payload);
        }
        if (!FLOAT_LITERAL.matcher(body).matches()) throw new NumberFormatException(s);
        return Double.parseDouble(javaFloatLiteral(lower));
    }

    /** Java requires a binary exponent in hex floats; Wasm does not. */
    private static String javaFloatLiteral(String lower) {
        if (lower.contains("0x") && !lower.contains("p")) return lower + "p0";
        return lower;
    }

    /** A result as printed: integers signed decimal, floats as Wasm text literals. */
    static String format(Object v) {
        if (v == null) return "null";
        if (v instanceof Integer || v instanceof Long) return v.toString();
        if (v instanceof Float f) return formatF32(f);
        if (v instanceof Double d) return formatF64(d);
        if (v instanceof WasmFunction f) return "funcref " + f.type();
        return v.toString();
    }

    static String formatF32(float f) {
        int bits = Float.floatToRawIntBits(f);
        String sign = bits < 0 ? "-" : "";
        if (Float.isNaN(f)) {
            int payload = bits & 0x7f_ffff;
            return sign + (payload == 0x40_0000 ? "nan" : "nan:0x" + Integer.toHexString(payload));
        }
        if (Float.isInfinite(f)) return sign + "inf";
        return Float.toString(f);
    }

    static String formatF64(double d) {
        long bits = Double.doubleToRawLongBits(d);
        String sign = bits < 0 ? "-" : "";
        if (Double.isNaN(d)) {
            long payload = bits & 0xf_ffff_ffff_ffffL;
            return sign + (payload == 0x8_0000_0000_0000L ? "nan" : "nan:0x" + Long.toHexString(payload));
        }
        if (Double.isInfinite(d)) return sign + "inf";
        return Double.toString(d);
    }
}
