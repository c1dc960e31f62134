package org.wasm2jvm.wasi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** stdout or stderr. Flushed after every {@code fd_write}: the guest's libc already buffers. */
final class OutputFd extends Fd {
    private final OutputStream out;
    private final int filetype;

    OutputFd(OutputStream out, int filetype) {
        super(Rights.STDOUT, 0);
        this.out = out;
        this.filetype = filetype;
    }

    @Override
    int filetype() {
        return filetype;
    }

    @Override
    long write(ByteBuffer[] srcs) throws IOException {
        long total = 0;
        for (ByteBuffer b : srcs) {
            int n = b.remaining();
            if (n == 0) continue;
            if (b.hasArray()) {
                out.write(b.array(), b.arrayOffset() + b.position(), n);
            } else {
                byte[] tmp = new byte[n];
                b.duplicate().get(tmp);
                out.write(tmp);
            }
            b.position(b.position() + n);
            total += n;
        }
        out.flush();
        return total;
    }
}
