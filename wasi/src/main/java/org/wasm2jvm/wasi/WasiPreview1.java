package org.wasm2jvm.wasi;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.HostFunction;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.api.TrapException;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.api.WasmFunction;

/**
 * WASI preview1 ({@code wasi_snapshot_preview1}) for one guest instance, over java.nio.
 *
 * <pre>{@code
 * WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().args(List.of("prog")).inheritStdio().build());
 * Instance instance = module.instantiate(wasi.addTo(Imports.empty()));
 * int exitCode = wasi.start(instance);
 * }</pre>
 *
 * Every function of the preview1 witx is registered, as an unboxed {@link HostFunction}.
 * Failures come back to the guest as errnos, never as exceptions: only {@code proc_exit}
 * ({@link ProcExitException}) and JVM errors unwind the guest. Like an {@link Instance}, an
 * object of this class serves one guest on one thread at a time. The guest sees nothing of the
 * host beyond what its {@link WasiConfig} grants; SANDBOX.md (in this package's sources)
 * explains how paths are kept inside the preopened directories.
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md">preview1</a>
 */
public final class WasiPreview1 implements AutoCloseable {
    public static final String MODULE = "wasi_snapshot_preview1";

    /** Every preview1 function, in witx order. */
    static final List<String> FUNCTIONS = List.of(
            "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get", "clock_time_get",
            "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
            "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread",
            "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite", "fd_read", "fd_readdir", "fd_renumber", "fd_seek",
            "fd_sync", "fd_tell", "fd_write", "path_create_directory", "path_filestat_get",
            "path_filestat_set_times", "path_link", "path_open", "path_readlink", "path_remove_directory",
            "path_rename", "path_symlink", "path_unlink_file", "poll_oneoff", "proc_exit", "proc_raise",
            "sched_yield", "random_get", "sock_accept", "sock_recv", "sock_send", "sock_shutdown");

    private final WasiContext cx;
    private final Object[] groups;
    private final java.util.concurrent.ConcurrentHashMap<String, HostFunction> made = new java.util.concurrent.ConcurrentHashMap<>();

    public WasiPreview1(WasiConfig config) {
        this.cx = new WasiContext(config);
        cx.fds.add(new InputFd(config.stdin(), stdioType(config.stdin() == System.in)));
        cx.fds.add(new OutputFd(config.stdout(), stdioType(config.stdout() == System.out)));
        cx.fds.add(new OutputFd(config.stderr(), stdioType(config.stderr() == System.err)));
        for (WasiConfig.Preopen p : config.preopens()) {
            try {
                cx.fds.add(DirFd.preopen(p.hostDir(), p.guestPath(), p.readOnly()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot preopen " + p.hostDir(), e);
            }
        }
        for (ServerSocketChannel l : config.listeners()) cx.fds.add(new ListenerFd(l));
        this.groups = new Object[] {new ProcessFunctions(cx), new FdFunctions(cx), new PathFunctions(cx),
                new PollFunctions(cx), new SockFunctions(cx)};
    }

    /** A console stream looks like a terminal to the guest (so its libc line-buffers); anything else does not. */
    private static int stdioType(boolean inherited) {
        return inherited && System.console() != null ? Filetype.CHARACTER_DEVICE : Filetype.UNKNOWN;
    }

    /**
     * Makes every {@code wasi_snapshot_preview1} function importable from {@code imports} and returns
     * it. Each host function is made when a module first imports it (and then reused), because
     * building all 46 method-handle chains up front took over 100 ms of a small program's start.
     */
    public Imports addTo(Imports imports) {
        return imports.provider(MODULE, new java.util.function.Function<String, Object>() { // no lambda: start-up
            @Override
            public Object apply(String name) {
                return provide(name);
            }
        });
    }

    private Object provide(String name) {
        if (!FUNCTIONS.contains(name)) return null;
        HostFunction f = made.get(name);
        if (f == null) {
            f = function(name);
            HostFunction raced = made.putIfAbsent(name, f);
            if (raced != null) f = raced;
        }
        return f;
    }

    /** Takes the instance's exported {@code "memory"}, which every function reads and writes. */
    public void bind(Instance instance) {
        bind(instance.memory("memory"));
    }

    void bind(MemoryInstance memory) {
        cx.memory.bind(memory);
    }

    /**
     * Binds, calls {@code _start} and returns the exit code: the argument of {@code proc_exit},
     * or 0 if {@code _start} returns. A {@link TrapException} propagates.
     */
    public int start(Instance instance) {
        bind(instance);
        WasmFunction entry = instance.function("_start");
        try {
            entry.call();
            return 0;
        } catch (ProcExitException e) {
            return e.code();
        } finally {
            flush(cx.config.stdout());
            flush(cx.config.stderr());
        }
    }

    /** Closes the files and sockets the guest left open (not the embedder's streams or listeners). */
    @Override
    public void close() {
        cx.fds.closeAll();
    }

    private static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (IOException ignored) {
            // the guest's output is gone either way
        }
    }

    /** The host function for one preview1 import. */
    HostFunction function(String name) {
        for (Object group : groups) {
            for (Method m : group.getClass().getDeclaredMethods()) {
                if (m.getName().equals(name)) return counted(name, wrap(group, m));
            }
        }
        throw new IllegalStateException("no implementation of " + name);
    }

    /** With {@link WasiConfig#callStats()} set, the function counted and timed there; else itself. */
    private HostFunction counted(String name, HostFunction f) {
        WasiCallStats stats = cx.config.callStats();
        if (stats == null) return f;
        return HostFunction.ofHandle(f.type(), CallCounting.wrap(name, f.handle(), stats.counter(name), cx.memory));
    }

    private static HostFunction wrap(Object group, Method m) {
        Class<?>[] ps = m.getParameterTypes();
        ValType[] params = new ValType[ps.length];
        for (int i = 0; i < ps.length; i++) params[i] = ps[i] == long.class ? ValType.I64 : ValType.I32;
        FuncType type = m.getReturnType() == void.class ? FuncType.of(params) : FuncType.of(params, ValType.I32);
        try {
            // Each function maps its own failures to errnos (see errno): a catchException
            // combinator here spun several LambdaForms per signature, tens of ms of every start.
            return HostFunction.ofHandle(type, LOOKUP.unreflect(m).bindTo(group));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Turns what a WASI function threw into its errno; every function's body ends in
     * {@code catch (Exception e) { return WasiPreview1.errno(e); }}. Only proc_exit and traps go on
     * unwinding the guest (JVM errors are not caught at all).
     */
    static int errno(Exception e) {
        if (e instanceof WasiErrnoException) return ((WasiErrnoException) e).errno;
        if (e instanceof ProcExitException) throw (ProcExitException) e;
        if (e instanceof TrapException) throw (TrapException) e;
        if (e instanceof IOException) return IoErrors.errno((IOException) e);
        if (e instanceof UncheckedIOException) return IoErrors.errno(((UncheckedIOException) e).getCause());
        if (e instanceof RuntimeException) return IoErrors.errno((RuntimeException) e);
        return Errno.EIO;
    }

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
}
