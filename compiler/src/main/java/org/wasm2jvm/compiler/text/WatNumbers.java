package org.wasm2jvm.compiler.text;

import java.math.BigInteger;

/**
 * Integer and floating-point literals of the text format, converted bit-exactly.
 *
 * <p>Floats are rounded once, directly from the exact rational value of the literal to the target
 * precision (round to nearest, ties to even), so f32 literals never suffer double rounding.
 *
 * @see <a href="https://webassembly.github.io/spec/core/text/values.html">Spec 6.3 Values</a>
 */
final class WatNumbers {
    private WatNumbers() {
    }

    /** Thrown for a literal that is not a number at all (the reference lexer's "unknown operator"). */
    static final class NotANumber extends Exception {
        private static final long serialVersionUID = 1L;

        NotANumber() {
            super(null, null, false, false);
        }
    }

    /** Thrown for a well-formed literal whose value does not fit ("constant out of range"). */
    static final class OutOfRange extends Exception {
        private static final long serialVersionUID = 1L;

        OutOfRange() {
            super(null, null, false, false);
        }
    }

    static int hexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /**
     * Strips the underscores of a digit sequence, checking that each one sits between two digits.
     *
     * @return the digits, or null if the text is no valid {@code num}/{@code hexnum}
     */
    private static String digits(String s, boolean hex) {
        if (s.isEmpty()) return null;
        StringBuilder sb = new StringBuilder(s.length());
        boolean prevDigit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                if (!prevDigit) return null;
                prevDigit = false;
                continue;
            }
            boolean ok = hex ? hexDigit(c) >= 0 : c >= '0' && c <= '9';
            if (!ok) return null;
            sb.append(c);
            prevDigit = true;
        }
        return prevDigit ? sb.toString() : null;
    }

    /** Whether {@code s} is an integer literal ({@code uN} or {@code sN} syntax). */
    static boolean isInteger(String s) {
        try {
            parseInteger(s);
            return true;
        } catch (NotANumber e) {
            return false;
        }
    }

    /** The exact value of an integer literal, sign included. */
    static BigInteger parseInteger(String s) throws NotANumber {
        int i = 0;
        boolean neg = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        boolean hex = s.startsWith("0x", i);
        String d = digits(s.substring(hex ? i + 2 : i), hex);
        if (d == null) throw new NotANumber();
        BigInteger v = new BigInteger(d, hex ? 16 : 10);
        return neg ? v.negate() : v;
    }

    /** An unsigned literal ({@code uN}: no sign allowed). */
    static BigInteger parseUnsigned(String s) throws NotANumber {
        if (s.startsWith("+") || s.startsWith("-")) throw new NotANumber();
        return parseInteger(s);
    }

    /** {@code i32.const} operand: any value in [-2^31, 2^32), as 32 raw bits. */
    static int parseI32(String s) throws NotANumber, OutOfRange {
        return (int) inRange(parseInteger(s), 32);
    }

    /** Checks {@code v} lies in [-2^(bits-1), 2^bits), the union of the signed and unsigned ranges. */
    private static long inRange(BigInteger v, int bits) throws OutOfRange {
        if (v.compareTo(BigInteger.ONE.shiftLeft(bits - 1).negate()) < 0 || v.compareTo(BigInteger.ONE.shiftLeft(bits)) >= 0) {
            throw new OutOfRange();
        }
        return v.longValue();
    }

    /** {@code i64.const} operand: any value in [-2^63, 2^64), as 64 raw bits. */
    static long parseI64(String s) throws NotANumber, OutOfRange {
        return inRange(parseInteger(s), 64);
    }

    /** Whether {@code s} has the syntax of a float literal. */
    static boolean isFloat(String s) {
        try {
            parseFloat(s, Format.F64);
            return true;
        } catch (NotANumber e) {
            return false;
        } catch (OutOfRange e) {
            return true;
        }
    }

    /** IEEE 754 binary formats: significand precision (with hidden bit) and exponent range. */
    enum Format {
        F32(24, 8), F64(53, 11);

        final int precision;
        final int expBits;
        final int emax;
        final int emin;

        Format(int precision, int expBits) {
            this.precision = precision;
            this.expBits = expBits;
            this.emax = (1 << (expBits - 1)) - 1;
            this.emin = 1 - emax;
        }

        long signBit() {
            return 1L << (precision - 1 + expBits);
        }

        long infinity() {
            return ((1L << expBits) - 1) << (precision - 1);
        }

        long payloadMask() {
            return (1L << (precision - 1)) - 1;
        }
    }

    static int parseF32(String s) throws NotANumber, OutOfRange {
        return (int) parseFloat(s, Format.F32);
    }

    static long parseF64(String s) throws NotANumber, OutOfRange {
        return parseFloat(s, Format.F64);
    }

    /**
     * Raw bits of a float literal in the given format.
     *
     * @see <a href="https://webassembly.github.io/spec/core/text/values.html#floating-point">Spec 6.3.2 Floating-Point</a>
     */
    static long parseFloat(String s, Format f) throws NotANumber, OutOfRange {
        long sign = 0;
        int i = 0;
        if (s.startsWith("+") || s.startsWith("-")) {
            if (s.charAt(0) == '-') sign = f.signBit();
            i = 1;
        }
        String body = s.substring(i);
        if (body.equals("inf")) return sign | f.infinity();
        if (body.equals("nan")) return sign | f.infinity() | (1L << (f.precision - 2));
        if (body.startsWith("nan:0x")) {
            String d = digits(body.substring(6), true);
            if (d == null) throw new NotANumber();
            BigInteger payload = new BigInteger(d, 16);
            if (payload.signum() == 0 || payload.bitLength() > f.precision - 1) throw new OutOfRange();
            return sign | f.infinity() | payload.longValue();
        }
        boolean hex = body.startsWith("0x");
        if (hex) body = body.substring(2);
        char expChar = hex ? 'p' : 'e';
        int e = indexOfIgnoreCase(body, expChar);
        String mant = e < 0 ? body : body.substring(0, e);
        long exp = 0;
        if (e >= 0) {
            String es = body.substring(e + 1);
            boolean eneg = false;
            if (es.startsWith("+") || es.startsWith("-")) {
                eneg = es.charAt(0) == '-';
                es = es.substring(1);
            }
            String ed = digits(es, false);
            if (ed == null) throw new NotANumber();
            // Clamp absurd exponents: anything this large is zero or infinite in every format anyway.
            exp = ed.length() > 9 ? 1_000_000_000L : Long.parseLong(ed);
            if (eneg) exp = -exp;
        }
        int dot = mant.indexOf('.');
        String intPart = dot < 0 ? mant : mant.substring(0, dot);
        String fracPart = dot < 0 ? "" : mant.substring(dot + 1);
        String id = digits(intPart, hex);
        if (id == null) throw new NotANumber();
        String fd = "";
        if (!fracPart.isEmpty()) {
            fd = digits(fracPart, hex);
            if (fd == null) throw new NotANumber();
        }
        BigInteger m = new BigInteger(id + fd, hex ? 16 : 10);
        if (m.signum() == 0) return sign;
        long bits;
        if (hex) {
            bits = round(m, BigInteger.ONE, exp - 4L * fd.length(), f);
        } else {
            long e10 = exp - fd.length();
            int digitsLen = (id + fd).replaceFirst("^0+", "").length();
            if (e10 + digitsLen > 400) throw new OutOfRange();
            if (e10 + digitsLen < -400) return sign;
            BigInteger p = BigInteger.TEN.pow((int) Math.abs(e10));
            bits = e10 >= 0 ? round(m.multiply(p), BigInteger.ONE, 0, f) : round(m, p, 0, f);
        }
        return sign | bits;
    }

    private static int indexOfIgnoreCase(String s, char lower) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.toLowerCase(s.charAt(i)) == lower) return i;
        }
        return -1;
    }

    /**
     * Rounds the positive value {@code num / den * 2^exp2} to the nearest value of format {@code f}
     * (ties to even) and returns its bits without sign.
     *
     * @throws OutOfRange if it rounds to infinity
     */
    static long round(BigInteger num, BigInteger den, long exp2, Format f) throws OutOfRange {
        // Keep the binary exponent within reach: values this far out are 0 or overflow.
        long mag = num.bitLength() - den.bitLength() + exp2;
        if (mag > f.emax + 2) throw new OutOfRange();
        if (mag < f.emin - f.precision - 2) return 0;
        if (exp2 > 0) {
            num = num.shiftLeft((int) exp2);
        } else if (exp2 < 0) {
            den = den.shiftLeft((int) -exp2);
        }
        // e with 2^e <= num/den < 2^(e+1)
        long e = num.bitLength() - den.bitLength();
        if (e >= 0 ? num.compareTo(den.shiftLeft((int) e)) < 0 : num.shiftLeft((int) -e).compareTo(den) < 0) e--;
        long exponent = Math.max(e, f.emin);
        long q = exponent - (f.precision - 1);
        BigInteger n = num;
        BigInteger d = den;
        if (q >= 0) d = d.shiftLeft((int) q);
        else n = n.shiftLeft((int) -q);
        BigInteger[] qr = n.divideAndRemainder(d);
        long sig = qr[0].longValueExact();
        int cmp = qr[1].shiftLeft(1).compareTo(d);
        if (cmp > 0 || cmp == 0 && (sig & 1) == 1) sig++;
        if (sig == 1L << f.precision) {
            sig >>= 1;
            exponent++;
        }
        if (exponent > f.emax) throw new OutOfRange();
        if (sig < 1L << (f.precision - 1)) return sig; // subnormal (or zero)
        return (exponent + f.emax) << (f.precision - 1) | (sig & f.payloadMask());
    }
}
