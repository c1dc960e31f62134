package org.wasm2jvm.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * What a WASI guest may see: its arguments and environment, its standard streams, the host
 * directories it is given (preopens, fds 3, 4, ... in the order added), preopened listening
 * sockets (numbered after the directories), its clocks and its source of randomness.
 * Immutable; build one with {@link #builder()}. Nothing else of the host is reachable.
 */
public final class WasiConfig {
    /** One host directory made visible to the guest under {@code guestPath}. */
    public static final class Preopen {
        private final Path hostDir;
        private final String guestPath;
        private final boolean readOnly;

        Preopen(Path hostDir, String guestPath, boolean readOnly) {
            this.hostDir = hostDir;
            this.guestPath = guestPath;
            this.readOnly = readOnly;
        }

        public Path hostDir() {
            return hostDir;
        }

        public String guestPath() {
            return guestPath;
        }

        public boolean readOnly() {
            return readOnly;
        }
    }

    private final List<String> args;
    private final List<Map.Entry<String, String>> env;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final List<Preopen> preopens;
    private final List<ServerSocketChannel> listeners;
    private final WasiClock clock;
    private final Random random;
    private final WasiCallStats callStats;

    private WasiConfig(Builder b) {
        this.args = List.copyOf(b.args);
        this.env = List.copyOf(b.env);
        this.stdin = b.stdin;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.preopens = List.copyOf(b.preopens);
        this.listeners = List.copyOf(b.listeners);
        this.clock = b.clock;
        this.random = b.random; // null: the shared SecureRandom, made on first random_get
        this.callStats = b.callStats;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> args() {
        return args;
    }

    /** Environment variables in the order added. */
    public List<Map.Entry<String, String>> env() {
        return env;
    }

    public InputStream stdin() {
        return stdin;
    }

    public OutputStream stdout() {
        return stdout;
    }

    public OutputStream stderr() {
        return stderr;
    }

    public List<Preopen> preopens() {
        return preopens;
    }

    public List<ServerSocketChannel> listeners() {
        return listeners;
    }

    public WasiClock clock() {
        return clock;
    }

    public Random random() {
        return random != null ? random : DefaultRandom.INSTANCE;
    }

    /**
     * Made on first use: setting up a SecureRandom loads the security providers, about 40 classes,
     * which every program would pay for at start though most never call {@code random_get}.
     */
    private static final class DefaultRandom {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    /** Where WASI calls are counted, or null (the default: no counting code at all). */
    public WasiCallStats callStats() {
        return callStats;
    }

    /** Builds a {@link WasiConfig}. Defaults: no args, empty env, empty stdin, discarded output, no preopens. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final List<Map.Entry<String, String>> env = new ArrayList<>();
        private InputStream stdin = InputStream.nullInputStream();
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = OutputStream.nullOutputStream();
        private final List<Preopen> preopens = new ArrayList<>();
        private final List<ServerSocketChannel> listeners = new ArrayList<>();
        private WasiClock clock = WasiClock.system();
        private Random random;
        private WasiCallStats callStats;

        private Builder() {}

        /** The guest's argv; {@code argv[0]} is the program name. Replaces earlier args. */
        public Builder args(List<String> argv) {
            args.clear();
            for (String a : argv) args.add(Objects.requireNonNull(a));
            return this;
        }

        /** Adds {@code key=value} to the environment; repeatable, order kept. */
        public Builder env(String key, String value) {
            env.add(new AbstractMap.SimpleImmutableEntry<>(Objects.requireNonNull(key), Objects.requireNonNull(value)));
            return this;
        }

        public Builder stdin(InputStream in) {
            this.stdin = Objects.requireNonNull(in);
            return this;
        }

        public Builder stdout(OutputStream out) {
            this.stdout = Objects.requireNonNull(out);
            return this;
        }

        public Builder stderr(OutputStream err) {
            this.stderr = Objects.requireNonNull(err);
            return this;
        }

        /** Connects the guest's fds 0, 1 and 2 to {@link System#in}, {@link System#out} and {@link System#err}. */
        public Builder inheritStdio() {
            this.stdin = System.in;
            this.stdout = System.out;
            this.stderr = System.err;
            return this;
        }

        /**
         * Gives the guest {@code hostDir} as a preopened directory named {@code guestPath}
         * (e.g. {@code "."} or {@code "/data"}). Repeatable: fds 3, 4, ... in order.
         * A read-only preopen grants no right that changes the host tree, to it or to anything
         * opened beneath it.
         */
        public Builder preopen(Path hostDir, String guestPath, boolean readOnly) {
            preopens.add(new Preopen(Objects.requireNonNull(hostDir), Objects.requireNonNull(guestPath), readOnly));
            return this;
        }

        /** A bound, listening TCP socket the guest may {@code sock_accept} on; numbered after the directories. */
        public Builder listener(ServerSocketChannel listening) {
            listeners.add(Objects.requireNonNull(listening));
            return this;
        }

        public Builder clock(WasiClock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** The source for {@code random_get}; default {@link SecureRandom}. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** Counts and times every WASI call the guest makes into {@code stats} (see {@link WasiCallStats}). */
        public Builder callStats(WasiCallStats stats) {
            this.callStats = Objects.requireNonNull(stats);
            return this;
        }

        public WasiConfig build() {
            return new WasiConfig(this);
        }
    }
}
