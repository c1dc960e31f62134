package org.wasm2jvm.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;

/**
 * The {@code fd_*} functions. Each checks the fd's rights first (ENOTCAPABLE), then its kind
 * (EBADF for a kind that cannot do the operation, ESPIPE for seeking a stream).
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md">preview1</a>
 */
final class FdFunctions {
    /** {@code fstflags} bits. */
    static final int ATIM = 1, ATIM_NOW = 2, MTIM = 4, MTIM_NOW = 8;

    private final WasiContext cx;

    FdFunctions(WasiContext cx) {
        this.cx = cx;
    }

    private FileFd file(int fd) {
        return cx.fds.get(fd, FileFd.class, Errno.EBADF);
    }

    int fd_advise(int fd, long offset, long len, int advice) {
        try {
            Fd f = cx.fds.get(fd);
            f.require(Rights.FD_ADVISE);
            if (!(f instanceof FileFd)) return Errno.EBADF;
            if (advice < 0 || advice > 5 || offset < 0 || len < 0) return Errno.EINVAL;
            return Errno.SUCCESS; // advice only: the JVM has no posix_fadvise
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_allocate(int fd, long offset, long len) {
        try {
            Fd f = cx.fds.get(fd);
            f.require(Rights.FD_ALLOCATE);
            FileFd ff = file(fd);
            if (offset < 0 || len <= 0 || offset + len < 0) return Errno.EINVAL;
            if (offset + len > ff.channel.size()) ff.setSize(offset + len);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_close(int fd) {
        try {
            cx.fds.close(fd);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_datasync(int fd) {
        try {
            return sync(fd, Rights.FD_DATASYNC, false);
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_sync(int fd) {
        try {
            return sync(fd, Rights.FD_SYNC, true);
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    /** Flushes a file's data (and its metadata when asked); directories have nothing to flush. */
    private int sync(int fd, long right, boolean metadata) throws IOException {
        Fd f = cx.fds.get(fd);
        f.require(right);
        if (f instanceof FileFd) ((FileFd) f).channel.force(metadata);
        else if (!(f instanceof DirFd)) return Errno.EINVAL;
        return Errno.SUCCESS;
    }

    /** {@code fdstat}: u8 filetype, u16 flags at 2, u64 rights base at 8, u64 inheriting at 16. */
    int fd_fdstat_get(int fd, int ptr) {
        try {
            Fd f = cx.fds.get(fd);
            GuestMemory m = cx.memory;
            m.check(ptr, 24);
            m.put8(ptr, f.filetype());
            m.put8(ptr + 1, 0);
            m.put16(ptr + 2, f.fdflags);
            m.put32(ptr + 4, 0);
            m.put64(ptr + 8, f.rightsBase);
            m.put64(ptr + 16, f.rightsInheriting);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_fdstat_set_flags(int fd, int flags) {
        try {
            Fd f = cx.fds.get(fd);
            f.require(Rights.FD_FDSTAT_SET_FLAGS);
            if ((flags & ~0x1F) != 0) return Errno.EINVAL;
            if ((flags & Fd.APPEND) != 0 && !(f instanceof FileFd || f instanceof OutputFd)) return Errno.EINVAL;
            f.setFlags(flags);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    /** Rights can only be dropped, never gained. */
    int fd_fdstat_set_rights(int fd, long base, long inheriting) {
        try {
            Fd f = cx.fds.get(fd);
            if ((base & ~f.rightsBase) != 0 || (inheriting & ~f.rightsInheriting) != 0) return Errno.ENOTCAPABLE;
            f.rightsBase = base;
            f.rightsInheriting = inheriting;
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_filestat_get(int fd, int ptr) {
        try {
            Fd f = cx.fds.get(fd);
            f.require(Rights.FD_FILESTAT_GET);
            cx.memory.check(ptr, FileStat.SIZE);
            FileStat s;
            if (f instanceof FileFd) {
                FileFd ff = (FileFd) f;
                try {
                    s = FileStat.of(ff.host);
                } catch (NoSuchFileException e) {
                    s = new FileStat(); // unlinked while open: what the channel still knows
                }
                s.filetype = Filetype.REGULAR_FILE;
                s.size = ff.channel.size();
            } else if (f instanceof DirFd) {
                s = FileStat.of(((DirFd) f).host);
            } else {
                s = new FileStat();
                s.filetype = f.filetype();
            }
            s.write(cx.memory, ptr);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_filestat_set_size(int fd, long size) {
        try {
            Fd f = cx.fds.get(fd);
            f.require(Rights.FD_FILESTAT_SET_SIZE);
            if (size < 0) return Errno.EINVAL;
            file(fd).setSize(size);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_filestat_set_times(int fd, long atim, long mtim, int fstFlags) {
        try {
            Fd f = cx.fds.get(fd);
            f.require(Rights.FD_FILESTAT_SET_TIMES);
            Path p;
            if (f instanceof FileFd) p = ((FileFd) f).host;
            else if (f instanceof DirFd) p = ((DirFd) f).host;
            else return Errno.EBADF;
            setTimes(cx, p, atim, mtim, fstFlags);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    /** Shared with {@code path_filestat_set_times}; never follows a link at {@code p}. */
    static void setTimes(WasiContext cx, Path p, long atim, long mtim, int fst) throws IOException {
        if ((fst & ~0xF) != 0 || (fst & (ATIM | ATIM_NOW)) == (ATIM | ATIM_NOW)
                || (fst & (MTIM | MTIM_NOW)) == (MTIM | MTIM_NOW)) {
            throw WasiErrnoException.of(Errno.EINVAL);
        }
        long now = (fst & (ATIM_NOW | MTIM_NOW)) != 0 ? cx.config.clock().realtime() : 0;
        FileTime a = (fst & ATIM) != 0 ? FileStat.time(atim) : (fst & ATIM_NOW) != 0 ? FileStat.time(now) : null;
        FileTime m = (fst & MTIM) != 0 ? FileStat.time(mtim) : (fst & MTIM_NOW) != 0 ? FileStat.time(now) : null;
        if (a == null && m == null) return;
        Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(m, a, null);
    }

    int fd_pread(int fd, int iovs, int iovsLen, long offset, int nreadPtr) {
        try {
            Fd f = cx.fds.get(fd);
            f.require(Rights.FD_READ | Rights.FD_SEEK);
            if (!(f instanceof FileFd)) return f instanceof DirFd ? Errno.EBADF : Errno.ESPIPE;
            if (offset < 0) return Errno.EINVAL;
            cx.memory.check(nreadPtr, 4);
            long n = ((FileFd) f).pread(cx.memory.iovecs(iovs, iovsLen), offset);
            cx.memory.put32(nreadPtr, (int) n);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_pwrite(int fd, int iovs, int iovsLen, long offset, int nwrittenPtr) {
        try {
            Fd f = cx.fds.get(fd);
            f.require(Rights.FD_WRITE | Rights.FD_SEEK);
            if (!(f instanceof FileFd)) return f instanceof DirFd ? Errno.EBADF : Errno.ESPIPE;
            if (offset < 0) return Errno.EINVAL;
            cx.memory.check(nwrittenPtr, 4);
            long n = ((FileFd) f).pwrite(cx.memory.iovecs(iovs, iovsLen), offset);
            cx.memory.put32(nwrittenPtr, (int) n);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    /** {@code prestat}: u8 tag (0 = dir) and u32 name length at 4. */
    int fd_prestat_get(int fd, int ptr) {
        try {
            Fd f = cx.fds.get(fd);
            if (!(f instanceof DirFd) || ((DirFd) f).preopenName == null) return Errno.EBADF;
            cx.memory.check(ptr, 8);
            cx.memory.put32(ptr, 0);
            cx.memory.put32(ptr + 4, ((DirFd) f).preopenName.getBytes(StandardCharsets.UTF_8).length);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_prestat_dir_name(int fd, int path, int pathLen) {
        try {
            Fd f = cx.fds.get(fd);
            if (!(f instanceof DirFd) || ((DirFd) f).preopenName == null) return Errno.EBADF;
            byte[] name = ((DirFd) f).preopenName.getBytes(StandardCharsets.UTF_8);
            if (Integer.toUnsignedLong(pathLen) < name.length) return Errno.ENAMETOOLONG;
            cx.memory.put(path, name);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_read(int fd, int iovs, int iovsLen, int nreadPtr) {
        try {
            Fd f = cx.fds.get(fd);
            if (f instanceof DirFd) return Errno.EISDIR;
            f.require(Rights.FD_READ);
            cx.memory.check(nreadPtr, 4);
            long n = f.read(cx.memory.iovecs(iovs, iovsLen));
            cx.memory.put32(nreadPtr, (int) n);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_write(int fd, int iovs, int iovsLen, int nwrittenPtr) {
        try {
            Fd f = cx.fds.get(fd);
            // a directory is never open for writing: EBADF, as Linux, node and the rights model agree
            if (f instanceof DirFd) return Errno.EBADF;
            f.require(Rights.FD_WRITE);
            cx.memory.check(nwrittenPtr, 4);
            ByteBuffer[] bufs = cx.memory.iovecs(iovs, iovsLen);
            long n = f.write(bufs);
            cx.memory.put32(nwrittenPtr, (int) n);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_readdir(int fd, int buf, int bufLen, long cookie, int bufusedPtr) {
        try {
            Fd f = cx.fds.get(fd);
            if (!(f instanceof DirFd)) return Errno.ENOTDIR;
            f.require(Rights.FD_READDIR);
            DirFd d = (DirFd) f;
            cx.memory.check(bufusedPtr, 4);
            if (cookie < 0) return Errno.EINVAL;
            if (cookie == 0 || d.snapshot == null) d.snapshot = DirEntries.snapshot(d.host);
            int used = DirEntries.write(cx.memory, d.snapshot, cookie, buf, bufLen);
            cx.memory.put32(bufusedPtr, used);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_renumber(int fd, int to) {
        try {
            cx.fds.renumber(fd, to);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_seek(int fd, long offset, int whence, int newOffsetPtr) {
        try {
            Fd f = cx.fds.get(fd);
            if (!(f instanceof FileFd)) return f instanceof DirFd ? Errno.EBADF : Errno.ESPIPE;
            f.require(offset == 0 && whence == 1 ? Rights.FD_TELL : Rights.FD_SEEK);
            cx.memory.check(newOffsetPtr, 8);
            FileFd ff = (FileFd) f;
            long base;
            switch (whence) {
                case 0: base = 0; break;
                case 1: base = ff.channel.position(); break;
                case 2: base = ff.channel.size(); break;
                default: return Errno.EINVAL;
            }
            long pos = base + offset;
            if (pos < 0 || (offset > 0 && pos < base)) return Errno.EINVAL;
            ff.channel.position(pos);
            cx.memory.put64(newOffsetPtr, pos);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int fd_tell(int fd, int ptr) {
        try {
            Fd f = cx.fds.get(fd);
            if (!(f instanceof FileFd)) return f instanceof DirFd ? Errno.EBADF : Errno.ESPIPE;
            f.require(Rights.FD_TELL);
            cx.memory.check(ptr, 8);
            cx.memory.put64(ptr, ((FileFd) f).channel.position());
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }
}
