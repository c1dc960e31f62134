package org.wasm2jvm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escape attempts against the preopens. Each asserts the errno and, after every test, that
 * nothing outside the preopened directories changed.
 */
class SandboxTest {
    static final int SB = 3, RO = 4, OTHER = 5;
    static final int FOLLOW = 1;
    static final int CREAT = 1, DIRECTORY = 2, EXCL = 4, TRUNC = 8;

    @TempDir
    Path tmp;
    Path sandbox;
    Path outside;
    Path ro;
    Path other;
    Guest g;
    Map<String, String> outsideBefore;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = Files.createDirectory(tmp.resolve("sandbox"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        ro = Files.createDirectory(tmp.resolve("ro"));
        other = Files.createDirectory(tmp.resolve("other"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(ro.resolve("ro.txt"), "read only");
        Files.createDirectory(ro.resolve("sub"));
        Files.createDirectory(sandbox.resolve("a"));
        Files.writeString(sandbox.resolve("a/inside.txt"), "inside");
        Files.writeString(sandbox.resolve("inside.txt"), "top");
        outsideBefore = fingerprint();
        g = new Guest(WasiConfig.builder()
                .preopen(sandbox, "/sandbox", false)
                .preopen(ro, "/ro", true)
                .preopen(other, "/other", false)
                .build());
    }

    @AfterEach
    void nothingOutsideChanged() throws IOException {
        assertEquals(outsideBefore, fingerprint(), "the host outside the preopens changed");
    }

    /** Every entry under tmp except inside the writable preopens: type, size, content, mtime. */
    private Map<String, String> fingerprint() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.startsWith(sandbox) || p.startsWith(other)) continue;
                String kind;
                if (Files.isSymbolicLink(p)) kind = "link:" + Files.readSymbolicLink(p);
                else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) kind = "dir";
                else kind = "file:" + new String(Files.readAllBytes(p), StandardCharsets.UTF_8) + ":"
                        + Files.getLastModifiedTime(p);
                out.put(tmp.relativize(p).toString(), kind);
            }
        }
        return out;
    }

    private int errno(int openResult) {
        assertTrue(openResult < 0, "expected an error, got fd " + openResult);
        return -openResult;
    }

    @Test
    void preopensAreListedWithTheirGuestNames() {
        int pre = g.alloc(8);
        assertEquals(0, g.call("fd_prestat_get", SB, pre));
        assertEquals(0, g.i32(pre));
        int n = g.i32(pre + 4);
        assertEquals("/sandbox".length(), n);
        int buf = g.alloc(n);
        assertEquals(0, g.call("fd_prestat_dir_name", SB, buf, n));
        assertEquals("/sandbox", g.string(buf, n));
        assertEquals(Errno.ENAMETOOLONG, g.call("fd_prestat_dir_name", SB, buf, 3));
        assertEquals(Errno.EBADF, g.call("fd_prestat_get", 1, pre));
        assertEquals(Errno.EBADF, g.call("fd_prestat_get", 99, pre));
    }

    @Test
    void dotDotOutOfThePreopen() {
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, "../outside/secret.txt", 0)));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, "../x", CREAT)));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, "..", DIRECTORY)));
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void dotDotThroughASubdirectory() {
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, "a/../../x", CREAT)));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, "a/../../outside/secret.txt", 0)));
        // ".." that stays inside is fine
        int fd = g.openOk(SB, "a/../inside.txt", 0);
        assertEquals("top", g.read(fd, 10));
    }

    @Test
    void absolutePaths() {
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, "/etc/passwd", 0)));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, outside.resolve("secret.txt").toString(), 0)));
        assertEquals(Errno.ENOTCAPABLE, g.pathCall("path_create_directory", SB, "/tmp/evil"));
    }

    @Test
    void relativeSymlinkClimbingOut() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("up"), Path.of("../outside"));
        Files.createSymbolicLink(sandbox.resolve("a/deep"), Path.of("../../outside/secret.txt"));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, "up/secret.txt", 0)));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, FOLLOW, "up", DIRECTORY, -1L, 0)));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, FOLLOW, "a/deep", 0, -1L, 0)));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, FOLLOW, "a/deep", CREAT | TRUNC, -1L, 0)));
        // a guest may create such a link (it is only text), but never go through it
        assertEquals(0, g.call("path_symlink", g.str("../outside"), 10, SB, g.str("up2"), 3));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, "up2/secret.txt", CREAT)));
        int st = g.alloc(64);
        assertEquals(Errno.ENOTCAPABLE, g.call("path_filestat_get", SB, FOLLOW, g.str("up2"), 3, st));
    }

    @Test
    void absoluteSymlink() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("abs"), outside);
        Files.createSymbolicLink(sandbox.resolve("etc"), Path.of("/etc/passwd"));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, "abs/secret.txt", 0)));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, FOLLOW, "etc", 0, -1L, 0)));
        // and the guest cannot make one
        String target = outside.toString();
        assertEquals(Errno.ENOTCAPABLE, g.call("path_symlink", g.str(target), Guest.len(target), SB, g.str("abs2"), 4));
        assertFalse(Files.exists(sandbox.resolve("abs2"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void symlinkLoops() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(sandbox.resolve("loop2"), Path.of("loop1"));
        Files.createSymbolicLink(sandbox.resolve("self"), Path.of("./self"));
        assertEquals(Errno.ELOOP, errno(g.open(SB, FOLLOW, "loop1", 0, -1L, 0)));
        assertEquals(Errno.ELOOP, errno(g.open(SB, "loop1/x", CREAT)));
        assertEquals(Errno.ELOOP, errno(g.open(SB, FOLLOW, "self", 0, -1L, 0)));
    }

    @Test
    void symlinkInAMiddleComponentPointingOutside() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("mid"), Path.of("a/../../outside"));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, "mid/secret.txt", 0)));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(SB, "mid/new.txt", CREAT)));
        assertEquals(Errno.ENOTCAPABLE, g.pathCall("path_unlink_file", SB, "mid/secret.txt"));
        assertEquals(Errno.ENOTCAPABLE, g.pathCall("path_create_directory", SB, "mid/d"));
        assertFalse(Files.exists(outside.resolve("new.txt")));
    }

    @Test
    void symlinksThatStayInsideWork() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("lnk"), Path.of("a/inside.txt"));
        Files.createSymbolicLink(sandbox.resolve("a/back"), Path.of("../inside.txt"));
        assertEquals("inside", g.read(reopen("lnk"), 20));
        assertEquals("top", g.read(reopen("a/back"), 20));
        // without SYMLINK_FOLLOW the last component is not followed: O_NOFOLLOW semantics
        assertEquals(Errno.ELOOP, errno(g.open(SB, "lnk", 0)));
        assertEquals(Errno.ENOTDIR, errno(g.open(SB, "lnk", DIRECTORY)));
    }

    private int reopen(String path) {
        int fd = g.open(SB, FOLLOW, path, 0, -1L, 0);
        assertTrue(fd >= 0, "open " + path + " errno " + -fd);
        return fd;
    }

    @Test
    void hardLinkToAFileOutside() throws IOException {
        assertEquals(Errno.ENOTCAPABLE, link(0, "../outside/secret.txt", "stolen"));
        Files.createSymbolicLink(sandbox.resolve("mid"), Path.of("../outside"));
        assertEquals(Errno.ENOTCAPABLE, link(0, "mid/secret.txt", "stolen"));
        Files.createSymbolicLink(sandbox.resolve("out"), Path.of("../outside/secret.txt"));
        assertEquals(Errno.ENOTCAPABLE, link(FOLLOW, "out", "stolen"));
        assertEquals(Errno.ENOTCAPABLE, link(0, "inside.txt", "../outside/planted"));
        assertFalse(Files.exists(sandbox.resolve("stolen"), LinkOption.NOFOLLOW_LINKS));
        // linking inside, and across two preopens, works
        assertEquals(0, link(0, "inside.txt", "again.txt"));
        assertEquals("top", Files.readString(sandbox.resolve("again.txt")));
        assertEquals(0, g.call("path_link", SB, 0, g.str("inside.txt"), 10, OTHER, g.str("x.txt"), 5));
        assertEquals("top", Files.readString(other.resolve("x.txt")));
    }

    private int link(int flags, String from, String to) {
        return g.call("path_link", SB, flags, g.str(from), Guest.len(from), SB, g.str(to), Guest.len(to));
    }

    private int rename(int fromFd, String from, int toFd, String to) {
        return g.call("path_rename", fromFd, g.str(from), Guest.len(from), toFd, g.str(to), Guest.len(to));
    }

    @Test
    void renamesAcrossTheBoundary() throws IOException {
        assertEquals(Errno.ENOTCAPABLE, rename(SB, "inside.txt", SB, "../outside/moved.txt"));
        assertEquals(Errno.ENOTCAPABLE, rename(SB, "../outside/secret.txt", SB, "got.txt"));
        Files.createSymbolicLink(sandbox.resolve("mid"), Path.of("../outside"));
        assertEquals(Errno.ENOTCAPABLE, rename(SB, "inside.txt", SB, "mid/moved.txt"));
        assertEquals(Errno.ENOTCAPABLE, rename(SB, "mid/secret.txt", SB, "got.txt"));
        assertTrue(Files.exists(sandbox.resolve("inside.txt")));
        assertFalse(Files.exists(sandbox.resolve("got.txt")));
        // renaming the link itself is a rename inside the sandbox
        assertEquals(0, rename(SB, "mid", SB, "mid2"));
        assertTrue(Files.isSymbolicLink(sandbox.resolve("mid2")));
        // between two writable preopens
        assertEquals(0, rename(SB, "inside.txt", OTHER, "moved.txt"));
        assertEquals("top", Files.readString(other.resolve("moved.txt")));
    }

    @Test
    void nulBytes() {
        int path = g.bytes("inside.txt\0../../outside/secret.txt".getBytes(StandardCharsets.UTF_8));
        int out = g.alloc(4);
        assertEquals(Errno.EINVAL, g.call("path_open", SB, 0, path, 34, 0, -1L, -1L, 0, out));
        int nul = g.bytes(new byte[] {'a', 0});
        assertEquals(Errno.EINVAL, g.call("path_create_directory", SB, nul, 2));
        int bad = g.bytes(new byte[] {(byte) 0xff, 'a'});
        assertEquals(Errno.EILSEQ, g.call("path_create_directory", SB, bad, 2));
    }

    @Test
    void readOnlyPreopen() throws IOException {
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(RO, "new.txt", CREAT)));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(RO, "ro.txt", TRUNC)));
        int fd = g.openOk(RO, "ro.txt", 0);
        assertEquals("read only", g.read(fd, 20));
        assertEquals(Errno.ENOTCAPABLE, g.writeErrno(fd, "overwrite"));
        assertEquals(Errno.ENOTCAPABLE, g.call("fd_filestat_set_size", fd, 0L));
        assertEquals(Errno.ENOTCAPABLE, g.call("fd_pwrite", fd, g.iovs(g.str("x"), 1), 1, 0L, g.alloc(4)));
        assertEquals(Errno.ENOTCAPABLE, g.call("fd_filestat_set_times", fd, 0L, 0L, 1 | 4));
        assertEquals(Errno.ENOTCAPABLE, g.pathCall("path_unlink_file", RO, "ro.txt"));
        assertEquals(Errno.ENOTCAPABLE, g.pathCall("path_create_directory", RO, "d"));
        assertEquals(Errno.ENOTCAPABLE, g.pathCall("path_remove_directory", RO, "sub"));
        assertEquals(Errno.ENOTCAPABLE, g.call("path_symlink", g.str("ro.txt"), 6, RO, g.str("l"), 1));
        assertEquals(Errno.ENOTCAPABLE, rename(SB, "inside.txt", RO, "inside.txt"));
        assertEquals(Errno.ENOTCAPABLE, rename(RO, "ro.txt", SB, "ro.txt"));
        assertEquals(Errno.ENOTCAPABLE,
                g.call("path_link", RO, 0, g.str("ro.txt"), 6, SB, g.str("w.txt"), 5));
        assertEquals(Errno.ENOTCAPABLE,
                g.call("path_filestat_set_times", RO, 0, g.str("ro.txt"), 6, 0L, 0L, 1 | 4));
        // a directory opened beneath is read-only too, and rights cannot be regained
        int sub = g.openOk(RO, "sub", DIRECTORY);
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(sub, "x", CREAT)));
        assertEquals(Errno.ENOTCAPABLE, g.call("fd_fdstat_set_rights", sub, -1L, -1L));
        assertFalse(Files.exists(ro.resolve("sub/x")));
        assertEquals("read only", Files.readString(ro.resolve("ro.txt")));
    }

    @Test
    void anOpenedDirectoryIsItsOwnRoot() {
        int a = g.openOk(SB, "a", DIRECTORY);
        assertEquals("inside", g.read(g.openOk(a, "inside.txt", 0), 20));
        assertEquals(Errno.ENOTCAPABLE, errno(g.open(a, "../inside.txt", 0)));
        assertEquals(Errno.ENOTDIR, errno(g.open(1, "x", 0)));
    }
}
