package org.wasm2jvm.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.model.Module;

/** Decodes a multi-megabyte module, checking the result and printing the decoding rate. */
class DecoderThroughputTest {
    private static final int FUNCTIONS = 20_000;

    /** A body of mixed instructions (about 300 bytes) resembling compiler output. */
    private static byte[] body() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {1, 4, 0x7F});                                          // 4 i32 locals
        for (int i = 0; i < 20; i++) {
            b.writeBytes(new byte[] {0x20, 0x00, 0x28, 0x02, (byte) 0x90, 0x03});        // local.get 0; i32.load offset=400
            b.writeBytes(new byte[] {0x41, (byte) 0xC0, (byte) 0xBB, 0x78, 0x6A});       // i32.const -123456; i32.add
            b.writeBytes(new byte[] {0x02, 0x40, 0x20, 0x01, 0x0D, 0x00, 0x0B});         // block local.get 1 br_if 0 end
            b.writeBytes(new byte[] {0x21, 0x02});                                       // local.set 2
        }
        b.writeBytes(new byte[] {0x20, 0x02, 0x0B});
        return b.toByteArray();
    }

    private static byte[] bigModule() {
        byte[] body = body();
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.writeBytes(ModuleDecoderTest.uleb(FUNCTIONS));
        for (int i = 0; i < FUNCTIONS; i++) {
            code.writeBytes(ModuleDecoderTest.uleb(body.length));
            code.writeBytes(body);
        }
        ByteArrayOutputStream funcs = new ByteArrayOutputStream();
        funcs.writeBytes(ModuleDecoderTest.uleb(FUNCTIONS));
        for (int i = 0; i < FUNCTIONS; i++) funcs.write(0);
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        m.writeBytes(new byte[] {1, 6, 1, 0x60, 1, 0x7F, 1, 0x7F});
        m.write(3);
        m.writeBytes(ModuleDecoderTest.uleb(funcs.size()));
        m.writeBytes(funcs.toByteArray());
        m.writeBytes(new byte[] {5, 3, 1, 0, 1});
        m.write(10);
        m.writeBytes(ModuleDecoderTest.uleb(code.size()));
        m.writeBytes(code.toByteArray());
        return m.toByteArray();
    }

    @Test
    void decodesMegabytesQuickly() {
        byte[] bytes = bigModule();
        long best = Long.MAX_VALUE;
        Module m = null;
        for (int round = 0; round < 10; round++) {
            long t0 = System.nanoTime();
            m = ModuleDecoder.decode(bytes);
            best = Math.min(best, System.nanoTime() - t0);
        }
        assertEquals(FUNCTIONS, m.codes.size());
        assertEquals(20 * 9 + 2, m.codes.get(FUNCTIONS - 1).code().length);
        System.out.printf("decoded %.1f MB in %.1f ms (%.0f MB/s)%n", bytes.length / 1e6, best / 1e6,
                bytes.length / 1e6 / (best / 1e9));
    }
}
