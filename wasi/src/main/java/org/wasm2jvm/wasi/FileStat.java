package org.wasm2jvm.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A preview1 {@code filestat} (64 bytes: dev, ino, filetype, nlink, size, atim, mtim, ctim).
 * dev, ino, nlink and ctime come from the {@code unix:*} attributes where the JDK offers them
 * (Linux, macOS); elsewhere they are 0/1 and ctime is the modification time.
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#filestat">filestat</a>
 */
final class FileStat {
    static final int SIZE = 64;

    long dev;
    long ino;
    int filetype;
    long nlink;
    long size;
    long atim;
    long mtim;
    long ctim;

    /** lstat of {@code p} (the sandbox has already followed any link the guest asked to follow). */
    static FileStat of(Path p) throws IOException {
        FileStat s = new FileStat();
        BasicFileAttributes b = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        s.filetype = b.isDirectory() ? Filetype.DIRECTORY : b.isRegularFile() ? Filetype.REGULAR_FILE
                : b.isSymbolicLink() ? Filetype.SYMBOLIC_LINK : Filetype.UNKNOWN;
        s.size = b.size();
        s.atim = nanos(b.lastAccessTime());
        s.mtim = nanos(b.lastModifiedTime());
        s.ctim = s.mtim;
        s.nlink = 1;
        try {
            Map<String, Object> u = Files.readAttributes(p, "unix:dev,ino,nlink,ctime,mode", LinkOption.NOFOLLOW_LINKS);
            s.dev = ((Number) u.get("dev")).longValue();
            s.ino = ((Number) u.get("ino")).longValue();
            s.nlink = ((Number) u.get("nlink")).longValue();
            s.ctim = nanos((FileTime) u.get("ctime"));
            if (s.filetype == Filetype.UNKNOWN) s.filetype = fromMode(((Number) u.get("mode")).intValue());
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view on this platform: keep the portable values
        }
        return s;
    }

    static int fromMode(int mode) {
        switch (mode & 0170000) {
            case 0140000: return Filetype.SOCKET_STREAM;
            case 0120000: return Filetype.SYMBOLIC_LINK;
            case 0100000: return Filetype.REGULAR_FILE;
            case 0060000: return Filetype.BLOCK_DEVICE;
            case 0040000: return Filetype.DIRECTORY;
            case 0020000: return Filetype.CHARACTER_DEVICE;
            default: return Filetype.UNKNOWN;
        }
    }

    static long nanos(FileTime t) {
        if (t == null) return 0;
        long secs = t.to(TimeUnit.SECONDS);
        long ns = t.toInstant().getNano();
        return secs * 1_000_000_000L + ns;
    }

    static FileTime time(long nanos) {
        return FileTime.from(java.time.Instant.ofEpochSecond(0, nanos));
    }

    void write(GuestMemory m, int ptr) {
        m.check(ptr, SIZE);
        m.put64(ptr, dev);
        m.put64(ptr + 8, ino);
        m.put8(ptr + 16, filetype);
        for (int i = 17; i < 24; i++) m.put8(ptr + i, 0);
        m.put64(ptr + 24, nlink);
        m.put64(ptr + 32, size);
        m.put64(ptr + 40, atim);
        m.put64(ptr + 48, mtim);
        m.put64(ptr + 56, ctim);
    }
}
