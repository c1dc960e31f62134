package org.wasm2jvm.compiler.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The bytes of one cache entry:
 * <pre>
 * magic "W2JVMCLS"   u32 format VERSION
 * header:   UTF key text, u32 class count, per class: UTF internal name, u32 length, u32 CRC32C
 * u32 CRC32C of the header
 * the classes' bytes, in header order, and nothing after them
 * </pre>
 * {@link #decode} checks all of it and throws {@link CorruptEntryException} on any difference,
 * so a truncated, extended or bit-flipped entry is never loaded.
 */
final class CacheEntryFormat {
    /** Bump when the layout changes, or the meaning of cached classes does (it is part of the key). */
    static final int VERSION = 1;
    private static final byte[] MAGIC = "W2JVMCLS".getBytes(StandardCharsets.US_ASCII);

    private CacheEntryFormat() {
    }

    static final class CorruptEntryException extends Exception {
        CorruptEntryException(String message) {
            super(message);
        }
    }

    static byte[] encode(String keyText, Map<String, byte[]> classes) {
        try {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(header);
            h.writeUTF(keyText);
            h.writeInt(classes.size());
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                h.writeUTF(e.getKey());
                h.writeInt(e.getValue().length);
                h.writeInt(crc(e.getValue(), 0, e.getValue().length));
            }
            h.flush();
            byte[] hb = header.toByteArray();
            ByteArrayOutputStream out = new ByteArrayOutputStream(hb.length + 64);
            DataOutputStream o = new DataOutputStream(out);
            o.write(MAGIC);
            o.writeInt(VERSION);
            o.writeInt(hb.length);
            o.write(hb);
            o.writeInt(crc(hb, 0, hb.length));
            for (byte[] b : classes.values()) o.write(b);
            o.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classes of an entry whose header holds exactly {@code keyText}. */
    static Map<String, byte[]> decode(byte[] entry, String keyText) throws CorruptEntryException {
        try {
            ByteBuffer in = ByteBuffer.wrap(entry);
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new CorruptEntryException("not a wasm2jvm cache entry");
            int version = in.getInt();
            if (version != VERSION) throw new CorruptEntryException("format " + version + ", expected " + VERSION);
            int headerLength = in.getInt();
            if (headerLength < 0 || headerLength > in.remaining() - 4) throw new CorruptEntryException("bad header length");
            int headerStart = in.position();
            in.position(headerStart + headerLength);
            int headerCrc = in.getInt();
            if (headerCrc != crc(entry, headerStart, headerLength)) throw new CorruptEntryException("header checksum mismatch");
            int dataStart = in.position();
            ByteBuffer h = ByteBuffer.wrap(entry, headerStart, headerLength);
            String key = readUtf(h);
            if (!key.equals(keyText)) throw new CorruptEntryException("written for another key (" + key + ")");
            int count = h.getInt();
            Map<String, byte[]> classes = new LinkedHashMap<>();
            int pos = dataStart;
            for (int i = 0; i < count; i++) {
                String name = readUtf(h);
                int length = h.getInt();
                int crc = h.getInt();
                if (length < 0 || length > entry.length - pos) throw new CorruptEntryException("truncated at " + name);
                if (crc(entry, pos, length) != crc) throw new CorruptEntryException("checksum mismatch in " + name);
                classes.put(name, java.util.Arrays.copyOfRange(entry, pos, pos + length));
                pos += length;
            }
            if (pos != entry.length) throw new CorruptEntryException((entry.length - pos) + " unexpected trailing bytes");
            return classes;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new CorruptEntryException("truncated or malformed: " + e);
        }
    }

    private static String readUtf(ByteBuffer b) {
        int n = Short.toUnsignedInt(b.getShort());
        byte[] s = new byte[n];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8); // names and keys are ASCII: modified UTF-8 is UTF-8 here
    }

    private static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }
}
