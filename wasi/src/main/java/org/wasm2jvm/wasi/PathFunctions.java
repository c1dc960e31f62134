package org.wasm2jvm.wasi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code path_*} functions. Every path goes through {@link Sandbox#resolve}; operations
 * that NIO can do relative to a directory handle go through an {@link Anchor}; mkdir, symlink
 * and link, which it cannot, use the host path of a parent the sandbox just checked (see
 * SANDBOX.md for the race that leaves).
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md">preview1</a>
 */
final class PathFunctions {
    /** {@code lookupflags}. */
    static final int SYMLINK_FOLLOW = 1;
    /** {@code oflags}. */
    static final int O_CREAT = 1, O_DIRECTORY = 2, O_EXCL = 4, O_TRUNC = 8;

    private final WasiContext cx;

    PathFunctions(WasiContext cx) {
        this.cx = cx;
    }

    private DirFd dir(int fd, long right) {
        Fd f = cx.fds.get(fd);
        if (!(f instanceof DirFd)) throw WasiErrnoException.of(Errno.ENOTDIR);
        f.require(right);
        return (DirFd) f;
    }

    private Sandbox.Resolved resolve(DirFd d, int path, int len, boolean follow) throws IOException {
        return Sandbox.resolve(d, cx.memory.path(path, len), follow);
    }

    int path_create_directory(int fd, int path, int pathLen) {
        try {
            DirFd d = dir(fd, Rights.PATH_CREATE_DIRECTORY);
            Sandbox.Resolved r = resolve(d, path, pathLen, false);
            String name = r.requireName(Errno.EEXIST);
            if (r.exists()) return Errno.EEXIST;
            try (Anchor a = Anchor.open(r)) {
                Files.createDirectory(a.host.resolve(name));
            }
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int path_filestat_get(int fd, int flags, int path, int pathLen, int buf) {
        try {
            DirFd d = dir(fd, Rights.PATH_FILESTAT_GET);
            cx.memory.check(buf, FileStat.SIZE);
            Sandbox.Resolved r = resolve(d, path, pathLen, (flags & SYMLINK_FOLLOW) != 0);
            if (!r.exists()) return Errno.ENOENT;
            FileStat.of(r.host()).write(cx.memory, buf);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int path_filestat_set_times(int fd, int flags, int path, int pathLen, long atim, long mtim, int fst) {
        try {
            DirFd d = dir(fd, Rights.PATH_FILESTAT_SET_TIMES);
            Sandbox.Resolved r = resolve(d, path, pathLen, (flags & SYMLINK_FOLLOW) != 0);
            if (!r.exists()) return Errno.ENOENT;
            FdFunctions.setTimes(cx, r.host(), atim, mtim, fst);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    /** Both names resolve inside their own directory fd, which may be two different preopens. */
    int path_link(int oldFd, int oldFlags, int oldPath, int oldLen, int newFd, int newPath, int newLen) {
        try {
            DirFd from = dir(oldFd, Rights.PATH_LINK_SOURCE);
            DirFd to = dir(newFd, Rights.PATH_LINK_TARGET);
            Sandbox.Resolved src = resolve(from, oldPath, oldLen, (oldFlags & SYMLINK_FOLLOW) != 0);
            Sandbox.Resolved dst = resolve(to, newPath, newLen, false);
            if (!src.exists()) return Errno.ENOENT;
            if (src.isDirectory()) return Errno.EPERM;
            String name = dst.requireName(Errno.EEXIST);
            if (dst.exists()) return Errno.EEXIST;
            if (dst.mustBeDir) return Errno.ENOENT;
            try (Anchor a = Anchor.open(src); Anchor b = Anchor.open(dst)) {
                Files.createLink(b.host.resolve(name), a.host.resolve(src.name));
            }
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int path_open(int fd, int dirflags, int path, int pathLen, int oflags, long base, long inheriting, int fdflags,
            int fdPtr) {
        try {
            DirFd d = dir(fd, Rights.PATH_OPEN);
            if ((oflags & ~0xF) != 0 || (fdflags & ~0x1F) != 0) return Errno.EINVAL;
            boolean creat = (oflags & O_CREAT) != 0;
            boolean directory = (oflags & O_DIRECTORY) != 0;
            boolean excl = (oflags & O_EXCL) != 0;
            boolean trunc = (oflags & O_TRUNC) != 0;
            if (creat) d.require(Rights.PATH_CREATE_FILE);
            if (trunc) d.require(Rights.PATH_FILESTAT_SET_SIZE);
            cx.memory.check(fdPtr, 4);
            Sandbox.Resolved r = resolve(d, path, pathLen, (dirflags & SYMLINK_FOLLOW) != 0);
            Fd opened;
            if (r.exists()) {
                if (creat && excl) return Errno.EEXIST;
                // O_NOFOLLOW: a link as the last component is not opened through.
                if (r.isSymlink()) return directory ? Errno.ENOTDIR : Errno.ELOOP;
                if (r.isDirectory()) {
                    if (creat || trunc) return Errno.EISDIR;
                    opened = openDir(d, r, base, inheriting);
                } else {
                    if (directory || r.mustBeDir) return Errno.ENOTDIR;
                    opened = openFile(d, r, false, false, trunc, base, inheriting);
                }
            } else {
                if (!creat) return Errno.ENOENT;
                if (r.mustBeDir) return Errno.EISDIR;
                if (directory) return Errno.EINVAL;
                opened = openFile(d, r, true, excl, trunc, base, inheriting);
            }
            opened.fdflags = fdflags;
            int newFd;
            try {
                newFd = cx.fds.add(opened);
            } catch (WasiErrnoException e) {
                opened.close();
                throw e;
            }
            cx.memory.put32(fdPtr, newFd);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    private Fd openDir(DirFd d, Sandbox.Resolved r, long base, long inheriting) throws IOException {
        SecureDirectoryStream<Path> handle;
        try (Anchor a = Anchor.open(r)) {
            handle = a.openDir(r.name);
        }
        return new DirFd(r.host(), handle, null, base & d.rightsInheriting & Rights.DIR, inheriting & d.rightsInheriting);
    }

    private Fd openFile(DirFd d, Sandbox.Resolved r, boolean create, boolean excl, boolean trunc, long base,
            long inheriting) throws IOException {
        long fileBase = base & d.rightsInheriting & Rights.FILE;
        long fileInheriting = inheriting & d.rightsInheriting;
        Set<OpenOption> opts = new HashSet<>();
        boolean write = (fileBase & (Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE)) != 0;
        boolean read = (fileBase & Rights.FD_READ) != 0 || !write;
        if (read) opts.add(StandardOpenOption.READ);
        if (write || create || trunc) opts.add(StandardOpenOption.WRITE); // NIO ignores CREATE/TRUNCATE without WRITE
        if (create) opts.add(excl ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        if (trunc) opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        try (Anchor a = Anchor.open(r)) {
            return new FileFd(a.openFile(r.name, opts), r.host(), fileBase, fileInheriting, 0);
        }
    }

    int path_readlink(int fd, int path, int pathLen, int buf, int bufLen, int bufusedPtr) {
        try {
            DirFd d = dir(fd, Rights.PATH_READLINK);
            cx.memory.check(bufusedPtr, 4);
            cx.memory.check(buf, Integer.toUnsignedLong(bufLen));
            Sandbox.Resolved r = resolve(d, path, pathLen, false);
            if (!r.exists()) return Errno.ENOENT;
            if (!r.isSymlink()) return Errno.EINVAL;
            byte[] target = Files.readSymbolicLink(r.host()).toString().getBytes(StandardCharsets.UTF_8);
            int n = (int) Math.min(target.length, Integer.toUnsignedLong(bufLen)); // truncates, as readlink(2)
            cx.memory.put(buf, target, 0, n);
            cx.memory.put32(bufusedPtr, n);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int path_remove_directory(int fd, int path, int pathLen) {
        try {
            DirFd d = dir(fd, Rights.PATH_REMOVE_DIRECTORY);
            Sandbox.Resolved r = resolve(d, path, pathLen, false);
            String name = r.requireName(Errno.EINVAL);
            if (!r.exists()) return Errno.ENOENT;
            if (!r.isDirectory()) return Errno.ENOTDIR;
            try (Anchor a = Anchor.open(r)) {
                a.deleteDirectory(name);
            }
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    /** Both names resolve inside their own directory fd, which may be two different preopens. */
    int path_rename(int fd, int oldPath, int oldLen, int newFd, int newPath, int newLen) {
        try {
            DirFd from = dir(fd, Rights.PATH_RENAME_SOURCE);
            DirFd to = dir(newFd, Rights.PATH_RENAME_TARGET);
            Sandbox.Resolved src = resolve(from, oldPath, oldLen, false);
            Sandbox.Resolved dst = resolve(to, newPath, newLen, false);
            String srcName = src.requireName(Errno.EINVAL);
            String dstName = dst.requireName(Errno.EINVAL);
            if (!src.exists()) return Errno.ENOENT;
            if (dst.exists()) {
                if (src.isDirectory() && !dst.isDirectory()) return Errno.ENOTDIR;
                if (!src.isDirectory() && dst.isDirectory()) return Errno.EISDIR;
            } else if (dst.mustBeDir && !src.isDirectory()) {
                return Errno.ENOTDIR;
            }
            try (Anchor a = Anchor.open(src); Anchor b = Anchor.open(dst)) {
                a.rename(srcName, b, dstName);
            }
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    /**
     * The link text is stored as given, but an absolute target is refused (ENOTCAPABLE): the
     * sandbox would never follow it, and host programs that later meet it would.
     */
    int path_symlink(int oldPath, int oldLen, int fd, int newPath, int newLen) {
        try {
            DirFd d = dir(fd, Rights.PATH_SYMLINK);
            String target = cx.memory.path(oldPath, oldLen);
            if (target.isEmpty()) return Errno.ENOENT;
            if (target.startsWith("/")) return Errno.ENOTCAPABLE;
            Sandbox.Resolved r = resolve(d, newPath, newLen, false);
            String name = r.requireName(Errno.EEXIST);
            if (r.exists()) return Errno.EEXIST;
            if (r.mustBeDir) return Errno.ENOENT;
            try (Anchor a = Anchor.open(r)) {
                Path host = a.host.resolve(name);
                Files.createSymbolicLink(host, host.getFileSystem().getPath(target));
            }
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int path_unlink_file(int fd, int path, int pathLen) {
        try {
            DirFd d = dir(fd, Rights.PATH_UNLINK_FILE);
            Sandbox.Resolved r = resolve(d, path, pathLen, false);
            String name = r.requireName(Errno.EISDIR);
            if (!r.exists()) return Errno.ENOENT;
            if (r.isDirectory()) return Errno.EISDIR;
            try (Anchor a = Anchor.open(r)) {
                a.deleteFile(name);
            }
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }
}
