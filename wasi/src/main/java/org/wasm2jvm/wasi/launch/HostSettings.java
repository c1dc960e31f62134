package org.wasm2jvm.wasi.launch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wasm2jvm.wasi.WasiConfig;

/**
 * What the host gives a WASI command besides its arguments: preopened directories, environment
 * variables and listening sockets, written as on wasm2jvm's command line ({@code HOST[::GUEST]},
 * {@code NAME[=VALUE]}, {@code HOST:PORT}). Filled from {@code run}'s options or from an AOT
 * jar's system properties ({@link LaunchProperties}), so both set the guest up identically.
 */
public final class HostSettings {
    public final List<String> dirs = new ArrayList<>();
    public final List<String> readOnlyDirs = new ArrayList<>();
    public final List<String> env = new ArrayList<>();
    public final List<String> listen = new ArrayList<>();
    /** How error messages name the settings: {@code run}'s options, or the jar's properties. */
    String dirSetting = "--dir", listenSetting = "--tcplisten";

    /**
     * Adds everything to {@code b}, in the order {@code run} documents: directories (read-write
     * first, then read-only), then listeners as the following file descriptors.
     *
     * @throws LaunchException for a missing directory or a socket that cannot listen
     */
    public void configure(WasiConfig.Builder b) throws IOException {
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                b.env(e.substring(0, eq), e.substring(eq + 1));
            } else {
                String v = System.getenv(e);
                if (v != null) b.env(e, v);
            }
        }
        for (String d : dirs) preopen(b, d, false, dirSetting);
        for (String d : readOnlyDirs) preopen(b, d, true, dirSetting);
        for (String l : listen) {
            int colon = l.lastIndexOf(':');
            if (colon <= 0) throw new LaunchException(listenSetting + " needs HOST:PORT, got " + l, LaunchException.USAGE);
            ServerSocketChannel ch = ServerSocketChannel.open();
            try {
                ch.bind(new InetSocketAddress(l.substring(0, colon), Integer.parseInt(l.substring(colon + 1))));
            } catch (IOException | NumberFormatException e) {
                ch.close();
                throw new LaunchException("cannot listen on " + l + ": " + e.getMessage(), LaunchException.ERROR, e, false);
            }
            b.listener(ch);
        }
    }

    private static void preopen(WasiConfig.Builder b, String spec, boolean readOnly, String setting) {
        int sep = spec.indexOf("::");
        String host = sep >= 0 ? spec.substring(0, sep) : spec;
        String guest = sep >= 0 ? spec.substring(sep + 2) : spec;
        Path p = Path.of(host);
        if (!Files.isDirectory(p)) throw new LaunchException(setting + " " + host + ": not a directory", LaunchException.ERROR);
        b.preopen(p, guest, readOnly);
    }
}
