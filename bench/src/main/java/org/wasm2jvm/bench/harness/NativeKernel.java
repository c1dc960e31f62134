package org.wasm2jvm.bench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native side of the steady-state comparison: {@code prog --kernel SIZE REPS} runs the
 * kernel REPS times in one process and prints its checksum and the mean nanoseconds per call.
 * The first integer printed is the checksum, the last number the ns/call.
 */
final class NativeKernel {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");

    record Result(int checksum, double nsPerCall) {
    }

    private NativeKernel() {
    }

    static Result parse(String output) {
        List<String> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(output);
        while (m.find()) numbers.add(m.group());
        if (numbers.size() < 2) throw new IllegalArgumentException("expected a checksum and ns/call in: " + output.strip());
        String first = numbers.get(0);
        if (first.contains(".") || first.contains("e") || first.contains("E")) {
            throw new IllegalArgumentException("the checksum is not an integer: " + output.strip());
        }
        return new Result((int) Long.parseLong(first), Double.parseDouble(numbers.get(numbers.size() - 1)));
    }
}
