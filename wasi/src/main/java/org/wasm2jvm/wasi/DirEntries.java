package org.wasm2jvm.wasi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fd_readdir}. Cookie choice: a cookie is an index into a snapshot of the directory,
 * sorted by name, that is taken whenever the guest asks for cookie 0 (a fresh listing or
 * {@code rewinddir}). Entry {@code i}'s {@code d_next} is {@code i + 1}. So a cookie stays valid
 * however the directory changes between calls: entries created after the snapshot appear after
 * the next rewind, removed ones are still listed until then (POSIX leaves both unspecified).
 * The snapshot starts with {@code .} and {@code ..}, as wasmtime and POSIX list them.
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_readdir">fd_readdir</a>
 */
final class DirEntries {
    private DirEntries() {}

    static final int DIRENT_SIZE = 24;

    static final class Entry {
        final byte[] name;
        final long ino;
        final int type;

        Entry(byte[] name, long ino, int type) {
            this.name = name;
            this.ino = ino;
            this.type = type;
        }
    }

    static List<Entry> snapshot(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) names.add(p.getFileName().toString());
        }
        names.sort(null);
        List<Entry> out = new ArrayList<>(names.size() + 2);
        out.add(entry(".", dir));
        Path parent = dir.getParent();
        out.add(entry("..", parent != null ? parent : dir));
        for (String n : names) out.add(entry(n, dir.resolve(n)));
        return out;
    }

    private static Entry entry(String name, Path p) {
        long ino = 0;
        int type = Filetype.UNKNOWN;
        try {
            FileStat s = FileStat.of(p);
            ino = s.ino;
            type = s.filetype;
        } catch (IOException e) {
            // removed while listing: keep the name, type unknown
        }
        return new Entry(name.getBytes(StandardCharsets.UTF_8), ino, type);
    }

    /**
     * Serializes entries from {@code cookie} into {@code [buf, buf+len)}; the last one is cut
     * off when it does not fit, which tells the guest (bufused == len) to ask again with a
     * bigger buffer or the entry's cookie.
     *
     * @return bytes used
     */
    static int write(GuestMemory m, List<Entry> entries, long cookie, int buf, int len) {
        m.check(buf, Integer.toUnsignedLong(len));
        long used = 0;
        long cap = Integer.toUnsignedLong(len);
        for (long i = cookie; i < entries.size() && used < cap; i++) {
            Entry e = entries.get((int) i);
            byte[] rec = new byte[DIRENT_SIZE + e.name.length];
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(rec).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            bb.putLong(0, i + 1);
            bb.putLong(8, e.ino);
            bb.putInt(16, e.name.length);
            bb.put(20, (byte) e.type);
            System.arraycopy(e.name, 0, rec, DIRENT_SIZE, e.name.length);
            int n = (int) Math.min(rec.length, cap - used);
            m.put(buf + (int) used, rec, 0, n);
            used += n;
        }
        return (int) used;
    }
}
