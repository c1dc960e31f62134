package org.wasm2jvm.wasi.launch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The system properties an AOT-compiled jar reads instead of {@code run}'s options
 * ({@code java -Dwasm2jvm.dir=/tmp/x::/sandbox -jar module.jar ARGS}); every name is here.
 *
 * <p>List-valued properties ({@link #DIR}, {@link #DIR_RO}, {@link #ENV}, {@link #TCPLISTEN})
 * take a comma-separated list, and also indexed single items {@code NAME.0}, {@code NAME.1}, ...
 * for items that contain a comma; the list comes first, then the indexed items in numeric order.
 */
public final class LaunchProperties {
    /** {@code HOST[::GUEST]}, like {@code run --dir}. */
    public static final String DIR = "wasm2jvm.dir";
    /** {@code HOST[::GUEST]}, like {@code run --dir-ro}. */
    public static final String DIR_RO = "wasm2jvm.dir-ro";
    /** {@code NAME=VALUE} or {@code NAME} (pass the host's value), like {@code run --env}. */
    public static final String ENV = "wasm2jvm.env";
    /** {@code HOST:PORT}, like {@code run --tcplisten}. */
    public static final String TCPLISTEN = "wasm2jvm.tcplisten";
    /** Fuel budget, like {@code run --fuel} (needs a jar compiled with {@code --metering}). */
    public static final String FUEL = "wasm2jvm.fuel";
    /** Wall-clock limit ({@code 500ms}, {@code 2s}), like {@code run --timeout} (needs {@code --metering}). */
    public static final String TIMEOUT = "wasm2jvm.timeout";
    /** Cap on each defined memory ({@code 64m}), like {@code run --max-memory}. */
    public static final String MAX_MEMORY = "wasm2jvm.max-memory";
    /** Guest thread stack ({@code 512m} by default), like {@code run --stack-size}. */
    public static final String STACK_SIZE = "wasm2jvm.stack-size";
    /** The guest's argv[0]; by default the file name the jar was compiled from. */
    public static final String ARGV0 = "wasm2jvm.argv0";
    /** {@code true}: Java stack traces with errors, like {@code run -v}. */
    public static final String VERBOSE = "wasm2jvm.verbose";

    static final long DEFAULT_STACK_SIZE = 512L << 20;

    private final Properties props;

    public LaunchProperties(Properties props) {
        this.props = props;
    }

    /** The host settings named by the properties. */
    public HostSettings hostSettings() {
        HostSettings s = new HostSettings();
        s.dirSetting = DIR;
        s.listenSetting = TCPLISTEN;
        s.dirs.addAll(list(DIR));
        s.readOnlyDirs.addAll(list(DIR_RO));
        s.env.addAll(list(ENV));
        s.listen.addAll(list(TCPLISTEN));
        return s;
    }

    /** A list property: the comma-separated value, then {@code name.0}, {@code name.1}, ... */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        String joined = props.getProperty(name);
        if (joined != null && !joined.isEmpty()) {
            for (String item : joined.split(",")) if (!item.isEmpty()) out.add(item);
        }
        TreeMap<Integer, String> indexed = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (!key.startsWith(name + ".")) continue;
            try {
                indexed.put(Integer.parseInt(key.substring(name.length() + 1)), props.getProperty(key));
            } catch (NumberFormatException e) {
                throw new LaunchException(key + ": expected " + name + ".<number>", LaunchException.USAGE);
            }
        }
        out.addAll(indexed.values());
        return out;
    }

    public String argv0(String fallback) {
        return props.getProperty(ARGV0, fallback);
    }

    public boolean verbose() {
        return Boolean.parseBoolean(props.getProperty(VERBOSE));
    }

    public Long fuel() {
        String v = props.getProperty(FUEL);
        if (v == null) return null;
        try {
            long n = Long.parseLong(v.trim());
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LaunchException(FUEL + " must be a positive number, got " + v, LaunchException.USAGE);
    }

    public Duration timeout() {
        String v = props.getProperty(TIMEOUT);
        return v == null ? null : duration(TIMEOUT, v);
    }

    public Long maxMemory() {
        String v = props.getProperty(MAX_MEMORY);
        return v == null ? null : bytes(MAX_MEMORY, v);
    }

    public long stackSize() {
        String v = props.getProperty(STACK_SIZE);
        return v == null ? DEFAULT_STACK_SIZE : bytes(STACK_SIZE, v);
    }

    /** {@code 512m}, {@code 64k}, {@code 1g} or plain bytes, as {@code run} reads sizes. */
    static long bytes(String name, String value) {
        try {
            return parseSize(value);
        } catch (IllegalArgumentException e) {
            throw new LaunchException(name + ": " + e.getMessage(), LaunchException.USAGE);
        }
    }

    /** {@code 250ms}, {@code 2s}, {@code 1m}, {@code 1h} (a plain number is seconds), as {@code run} reads durations. */
    static Duration duration(String name, String value) {
        try {
            return parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new LaunchException(name + ": " + e.getMessage(), LaunchException.USAGE);
        }
    }

    /**
     * A positive size: {@code 512m}, {@code 64k}, {@code 1g} or plain bytes (the CLI's options and
     * these properties read sizes alike).
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static long parseSize(String value) {
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
        try {
            long n = Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1));
            if (n > 0) return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a positive size (e.g. 512m, 1g): " + value);
    }

    /**
     * A positive duration: {@code 250ms}, {@code 2s}, {@code 1m}, {@code 1h} (a plain number is seconds).
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static Duration parseDuration(String value) {
        String s = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (s.endsWith("ms")) d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            else if (s.endsWith("s")) d = Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
            else if (s.endsWith("m")) d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
            else if (s.endsWith("h")) d = Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
            else d = Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
            if (!d.isNegative() && !d.isZero()) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a positive duration (e.g. 500ms, 2s, 1m): " + value);
    }
}
