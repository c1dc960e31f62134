package org.wasm2jvm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and directories through the fd_* and path_* functions. */
class FileTest {
    static final int DIR = 3;
    static final int CREAT = 1, DIRECTORY = 2, EXCL = 4, TRUNC = 8;
    static final int APPEND = 1;

    @TempDir
    Path root;
    Guest g;

    @BeforeEach
    void setUp() {
        g = new Guest(WasiConfig.builder().preopen(root, ".", false).build());
    }

    private long seek(int fd, long offset, int whence) {
        int out = g.alloc(8);
        assertEquals(0, g.call("fd_seek", fd, offset, whence, out));
        return g.i64(out);
    }

    @Test
    void createWriteReadSeekTell() throws IOException {
        int fd = g.openOk(DIR, "f.txt", CREAT | EXCL);
        assertEquals(Errno.EEXIST, -g.open(DIR, "f.txt", CREAT | EXCL));
        // two iovecs in one write
        int a = g.str("hello, ");
        int b = g.str("world");
        int n = g.alloc(4);
        assertEquals(0, g.call("fd_write", fd, g.iovs(a, 7, b, 5), 2, n));
        assertEquals(12, g.i32(n));
        assertEquals("hello, world", Files.readString(root.resolve("f.txt")));
        int tell = g.alloc(8);
        assertEquals(0, g.call("fd_tell", fd, tell));
        assertEquals(12, g.i64(tell));
        assertEquals(0, seek(fd, 0, 0));
        // read into two iovecs
        int b1 = g.alloc(5);
        int b2 = g.alloc(16);
        assertEquals(0, g.call("fd_read", fd, g.iovs(b1, 5, b2, 16), 2, n));
        assertEquals(12, g.i32(n));
        assertEquals("hello", g.string(b1, 5));
        assertEquals(", world", g.string(b2, 7));
        assertEquals(0, g.call("fd_read", fd, g.iovs(b1, 5), 1, n));
        assertEquals(0, g.i32(n), "end of file reads 0");
        assertEquals(7, seek(fd, -5, 2));
        assertEquals(9, seek(fd, 2, 1));
        assertEquals(Errno.EINVAL, g.call("fd_seek", fd, -100L, 1, g.alloc(8)));
        assertEquals(Errno.EINVAL, g.call("fd_seek", fd, 0L, 7, g.alloc(8)));
        assertEquals(Errno.ESPIPE, g.call("fd_seek", 1, 0L, 0, g.alloc(8)));
        assertEquals(0, g.call("fd_close", fd));
        assertEquals(Errno.EBADF, g.call("fd_close", fd));
    }

    @Test
    void appendAndTruncate() throws IOException {
        Files.writeString(root.resolve("log"), "one\n");
        int fd = g.open(DIR, 0, "log", 0, -1L, APPEND);
        seek(fd, 0, 0);
        g.write(fd, "two\n");
        assertEquals("one\ntwo\n", Files.readString(root.resolve("log")));
        int st = g.alloc(24);
        assertEquals(0, g.call("fd_fdstat_get", fd, st));
        assertEquals(Filetype.REGULAR_FILE, g.memory.read(st, 1)[0]);
        assertEquals(APPEND, g.memory.buffer().getShort(st + 2));
        // switch APPEND off: writes go to the position again
        assertEquals(0, g.call("fd_fdstat_set_flags", fd, 0));
        seek(fd, 0, 0);
        g.write(fd, "ONE");
        assertEquals("ONE\ntwo\n", Files.readString(root.resolve("log")));
        assertEquals(0, g.call("fd_fdstat_set_flags", fd, APPEND));
        g.write(fd, "three\n");
        assertEquals("ONE\ntwo\nthree\n", Files.readString(root.resolve("log")));
        // O_TRUNC
        int t = g.openOk(DIR, "log", TRUNC);
        assertEquals(0, Files.size(root.resolve("log")));
        g.write(t, "x");
        assertEquals("x", Files.readString(root.resolve("log")));
    }

    @Test
    void preadPwriteAndSetSize() throws IOException {
        int fd = g.openOk(DIR, "p.bin", CREAT);
        g.write(fd, "0123456789");
        int n = g.alloc(4);
        assertEquals(0, g.call("fd_pwrite", fd, g.iovs(g.str("ab"), 2), 1, 3L, n));
        assertEquals(2, g.i32(n));
        int buf = g.alloc(4);
        assertEquals(0, g.call("fd_pread", fd, g.iovs(buf, 4), 1, 2L, n));
        assertEquals("2ab5", g.string(buf, g.i32(n)));
        assertEquals(10, seek(fd, 0, 1), "pread/pwrite leave the position alone");
        assertEquals(0, g.call("fd_filestat_set_size", fd, 4L));
        assertEquals("012a", Files.readString(root.resolve("p.bin")));
        assertEquals(0, g.call("fd_filestat_set_size", fd, 6L));
        assertEquals("012a\0\0", Files.readString(root.resolve("p.bin")));
        assertEquals(0, g.call("fd_allocate", fd, 0L, 8L));
        assertEquals(8, Files.size(root.resolve("p.bin")));
        assertEquals(0, g.call("fd_advise", fd, 0L, 8L, 1));
        assertEquals(Errno.EINVAL, g.call("fd_advise", fd, 0L, 8L, 9));
        assertEquals(0, g.call("fd_datasync", fd));
        assertEquals(0, g.call("fd_sync", fd));
        assertEquals(Errno.EINVAL, g.call("fd_pread", fd, g.iovs(buf, 4), 1, -1L, n));
    }

    @Test
    void statAndTimestamps() throws IOException {
        Files.writeString(root.resolve("s.txt"), "12345");
        int st = g.alloc(64);
        String p = "s.txt";
        assertEquals(0, g.call("path_filestat_get", DIR, 0, g.str(p), 5, st));
        assertEquals(Filetype.REGULAR_FILE, g.memory.read(st + 16, 1)[0]);
        assertEquals(5, g.i64(st + 32));
        assertEquals(1, g.i64(st + 24), "nlink");
        long ino = (Long) Files.getAttribute(root.resolve(p), "unix:ino");
        assertEquals(ino, g.i64(st + 8));
        long mtime = Files.getLastModifiedTime(root.resolve(p)).toMillis();
        assertEquals(mtime, g.i64(st + 48) / 1_000_000);
        // set both times exactly, in ns
        long atim = 1_600_000_000_123_456_789L;
        long mtim = 1_500_000_000_987_654_321L;
        assertEquals(0, g.call("path_filestat_set_times", DIR, 0, g.str(p), 5, atim, mtim, 1 | 4));
        assertEquals(0, g.call("path_filestat_get", DIR, 0, g.str(p), 5, st));
        assertEquals(mtim / 1000, g.i64(st + 48) / 1000, "mtim (to the microsecond at least)");
        assertEquals(atim / 1000, g.i64(st + 40) / 1000, "atim");
        assertEquals(FileTime.fromMillis(mtim / 1_000_000).toMillis(),
                Files.getLastModifiedTime(root.resolve(p)).toMillis());
        assertEquals(Errno.EINVAL, g.call("path_filestat_set_times", DIR, 0, g.str(p), 5, 0L, 0L, 1 | 2));
        // fd_filestat_get on the open file, and on the directory
        int fd = g.openOk(DIR, p, 0);
        assertEquals(0, g.call("fd_filestat_get", fd, st));
        assertEquals(5, g.i64(st + 32));
        assertEquals(ino, g.i64(st + 8));
        assertEquals(0, g.call("fd_filestat_set_times", fd, 0L, 0L, 2 | 8)); // now
        assertTrue(Files.getLastModifiedTime(root.resolve(p)).toMillis() > mtim / 1_000_000);
        assertEquals(0, g.call("fd_filestat_get", DIR, st));
        assertEquals(Filetype.DIRECTORY, g.memory.read(st + 16, 1)[0]);
        // symlink: stat without and with SYMLINK_FOLLOW
        Files.createSymbolicLink(root.resolve("l"), Path.of(p));
        assertEquals(0, g.call("path_filestat_get", DIR, 0, g.str("l"), 1, st));
        assertEquals(Filetype.SYMBOLIC_LINK, g.memory.read(st + 16, 1)[0]);
        assertEquals(0, g.call("path_filestat_get", DIR, 1, g.str("l"), 1, st));
        assertEquals(Filetype.REGULAR_FILE, g.memory.read(st + 16, 1)[0]);
        assertEquals(Errno.ENOENT, g.call("path_filestat_get", DIR, 0, g.str("nope"), 4, st));
    }

    private List<String> readdir(int fd, long cookie, int bufLen, long[] nextCookie) {
        int buf = g.alloc(bufLen);
        int used = g.alloc(4);
        assertEquals(0, g.call("fd_readdir", fd, buf, bufLen, cookie, used));
        int n = g.i32(used);
        List<String> names = new ArrayList<>();
        int p = 0;
        while (p + 24 <= n) {
            long next = g.i64(buf + p);
            int len = g.i32(buf + p + 16);
            if (p + 24 + len > n) break; // cut off: read again from this entry
            names.add(g.string(buf + p + 24, len));
            nextCookie[0] = next;
            p += 24 + len;
        }
        return names;
    }

    @Test
    void readdirCookiesAcrossCalls() throws IOException {
        for (String n : new String[] {"c", "a", "b", "d"}) Files.writeString(root.resolve(n), n);
        Files.createDirectory(root.resolve("sub"));
        long[] cookie = {0};
        // a buffer that holds about two entries at a time
        List<String> all = new ArrayList<>(readdir(DIR, 0, 60, cookie));
        assertEquals(List.of(".", ".."), all);
        // the directory changes between calls: cookies still continue the snapshot
        Files.delete(root.resolve("c"));
        Files.writeString(root.resolve("aa"), "new");
        while (true) {
            List<String> more = readdir(DIR, cookie[0], 60, cookie);
            if (more.isEmpty()) break;
            all.addAll(more);
        }
        assertEquals(List.of(".", "..", "a", "b", "c", "d", "sub"), all);
        // a rewind (cookie 0) sees the change
        List<String> fresh = readdir(DIR, 0, 4096, cookie);
        assertEquals(List.of(".", "..", "a", "aa", "b", "d", "sub"), fresh);
        // d_type
        int buf = g.alloc(4096);
        int used = g.alloc(4);
        assertEquals(0, g.call("fd_readdir", DIR, buf, 4096, 0L, used));
        int p = 0;
        while (p < g.i32(used)) {
            int len = g.i32(buf + p + 16);
            String name = g.string(buf + p + 24, len);
            int type = g.memory.read(buf + p + 20, 1)[0];
            assertEquals(name.equals("sub") || name.startsWith(".") ? Filetype.DIRECTORY : Filetype.REGULAR_FILE, type, name);
            p += 24 + len;
        }
        assertEquals(Errno.ENOTDIR, g.call("fd_readdir", 1, buf, 10, 0L, used));
    }

    @Test
    void renameUnlinkLinkSymlinkReadlink() throws IOException {
        Files.writeString(root.resolve("f"), "data");
        assertEquals(0, g.call("path_rename", DIR, g.str("f"), 1, DIR, g.str("g"), 1));
        assertFalse(Files.exists(root.resolve("f")));
        assertEquals("data", Files.readString(root.resolve("g")));
        assertEquals(0, g.call("path_link", DIR, 0, g.str("g"), 1, DIR, g.str("h"), 1));
        assertEquals(2L, ((Number) Files.getAttribute(root.resolve("g"), "unix:nlink")).longValue());
        assertEquals(Errno.EEXIST, g.call("path_link", DIR, 0, g.str("g"), 1, DIR, g.str("h"), 1));
        assertEquals(0, g.call("path_symlink", g.str("g"), 1, DIR, g.str("s"), 1));
        assertEquals("g", Files.readSymbolicLink(root.resolve("s")).toString());
        int buf = g.alloc(16);
        int used = g.alloc(4);
        assertEquals(0, g.call("path_readlink", DIR, g.str("s"), 1, buf, 16, used));
        assertEquals("g", g.string(buf, g.i32(used)));
        assertEquals(0, g.call("path_symlink", g.str("a/long/target"), 13, DIR, g.str("t"), 1));
        assertEquals(0, g.call("path_readlink", DIR, g.str("t"), 1, buf, 4, used));
        assertEquals("a/lo", g.string(buf, g.i32(used)), "truncated to the buffer");
        assertEquals(Errno.EINVAL, g.call("path_readlink", DIR, g.str("g"), 1, buf, 16, used));
        assertEquals(Errno.EEXIST, g.call("path_symlink", g.str("x"), 1, DIR, g.str("g"), 1));
        assertEquals(0, g.pathCall("path_unlink_file", DIR, "s"));
        assertFalse(Files.exists(root.resolve("s"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(root.resolve("g")), "unlinking a link leaves its target");
        assertEquals(Errno.ENOENT, g.pathCall("path_unlink_file", DIR, "s"));
        // directories
        assertEquals(0, g.pathCall("path_create_directory", DIR, "d"));
        assertEquals(Errno.EEXIST, g.pathCall("path_create_directory", DIR, "d"));
        assertEquals(0, g.pathCall("path_create_directory", DIR, "d/e/"));
        assertEquals(Errno.EISDIR, g.pathCall("path_unlink_file", DIR, "d"));
        assertEquals(Errno.ENOTEMPTY, g.pathCall("path_remove_directory", DIR, "d"));
        assertEquals(Errno.ENOTDIR, g.pathCall("path_remove_directory", DIR, "g"));
        assertEquals(Errno.EINVAL, g.pathCall("path_remove_directory", DIR, "d/e/."));
        assertEquals(0, g.pathCall("path_remove_directory", DIR, "d/e"));
        assertEquals(0, g.pathCall("path_remove_directory", DIR, "d"));
        assertFalse(Files.exists(root.resolve("d")));
        // rename over an existing file replaces it; file over directory is EISDIR
        Files.createDirectory(root.resolve("dir"));
        assertEquals(Errno.EISDIR, g.call("path_rename", DIR, g.str("g"), 1, DIR, g.str("dir"), 3));
        assertEquals(0, g.call("path_rename", DIR, g.str("g"), 1, DIR, g.str("h"), 1));
        assertEquals("data", Files.readString(root.resolve("h")));
        assertEquals(Errno.ENOTDIR, -g.open(DIR, "h", DIRECTORY));
        assertEquals(Errno.ENOTDIR, -g.open(DIR, "h/", 0));
        assertEquals(Errno.EISDIR, -g.open(DIR, "dir", TRUNC));
    }

    @Test
    void fdTableOperations() throws IOException {
        Files.writeString(root.resolve("x"), "x");
        int fd = g.openOk(DIR, "x", 0);
        assertEquals(4, fd, "lowest free fd");
        int fd2 = g.openOk(DIR, "x", 0);
        assertEquals(0, g.call("fd_renumber", fd, fd2));
        assertEquals(Errno.EBADF, g.call("fd_close", fd));
        assertEquals("x", g.read(fd2, 5));
        assertEquals(Errno.EBADF, g.call("fd_renumber", fd2, 77));
        // dropping rights is allowed, gaining is not
        assertEquals(0, g.call("fd_fdstat_set_rights", fd2, Rights.FD_READ, 0L));
        assertEquals(Errno.ENOTCAPABLE, g.call("fd_fdstat_set_rights", fd2, Rights.FD_READ | Rights.FD_WRITE, 0L));
        assertEquals(Errno.ENOTCAPABLE, g.call("fd_seek", fd2, 0L, 0, g.alloc(8)));
        assertEquals(Errno.EISDIR, g.call("fd_read", DIR, g.iovs(g.alloc(4), 4), 1, g.alloc(4)));
    }

    @Test
    void guestPointersOutOfBoundsAreEfault() {
        int end = (int) g.memory.byteSize();
        assertEquals(Errno.EFAULT, g.call("fd_write", 1, end - 4, 1, g.alloc(4)));
        assertEquals(Errno.EFAULT, g.call("fd_write", 1, g.iovs(end - 2, 10), 1, g.alloc(4)));
        assertEquals(Errno.EFAULT, g.call("fd_write", 1, g.iovs(g.alloc(4), 4), 1, -8));
        assertEquals(Errno.EFAULT, g.call("path_open", DIR, 0, end - 1, 5, 0, -1L, -1L, 0, g.alloc(4)));
        assertEquals(Errno.EFAULT, g.call("args_sizes_get", end, 0));
        assertEquals(Errno.EFAULT, g.call("random_get", end - 1, 2));
        assertEquals(Errno.EFAULT, g.call("clock_time_get", 0, 0L, -1));
    }

    @Test
    void utf8NamesRoundTrip() throws IOException {
        String name = "żółw-🐢.txt";
        int fd = g.openOk(DIR, name, CREAT);
        g.write(fd, "ok");
        assertEquals("ok", Files.readString(root.resolve(name), StandardCharsets.UTF_8));
    }
}
