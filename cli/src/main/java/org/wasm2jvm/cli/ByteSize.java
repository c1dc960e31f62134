package org.wasm2jvm.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses sizes such as {@code 512m}, {@code 1g}, {@code 64k} or plain bytes, as java's -Xss does. */
final class ByteSize implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return parse(value);
    }

    static long parse(String value) {
        String s = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k': unit = 1L << 10; break;
                case 'm': unit = 1L << 20; break;
                case 'g': unit = 1L << 30; break;
                default: break;
            }
        }
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n <= 0) throw new TypeConversionException("size must be positive: " + value);
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("not a size (e.g. 512m, 1g): " + value);
        }
    }
}
