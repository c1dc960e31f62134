package org.wasm2jvm.wasi;

/** The state one {@link WasiPreview1} shares between its function groups. */
final class WasiContext {
    final WasiConfig config;
    final GuestMemory memory = new GuestMemory();
    final FdTable fds = new FdTable();

    WasiContext(WasiConfig config) {
        this.config = config;
    }
}
