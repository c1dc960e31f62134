package org.wasm2jvm.wasi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The parent directory of a {@link Sandbox.Resolved} path, opened by walking from the
 * directory fd's handle one component at a time with {@code openat(O_NOFOLLOW|O_DIRECTORY)}
 * ({@link SecureDirectoryStream#newDirectoryStream} with {@code NOFOLLOW_LINKS}). If a
 * component was swapped for a symlink after {@link Sandbox} checked it, the walk fails (ELOOP)
 * instead of following it, so opens, unlinks, renames and directory opens done through an
 * anchor cannot be redirected outside. Where there is no secure directory stream, the anchor
 * falls back to host paths with NOFOLLOW on the last component.
 */
final class Anchor implements Closeable {
    final Path host;
    private final SecureDirectoryStream<Path> handle;
    private final boolean owned;

    private Anchor(Path host, SecureDirectoryStream<Path> handle, boolean owned) {
        this.host = host;
        this.handle = handle;
        this.owned = owned;
    }

    static Anchor open(Sandbox.Resolved r) throws IOException {
        Path host = r.dir.host;
        SecureDirectoryStream<Path> cur = r.dir.handle;
        boolean owned = false;
        try {
            for (String c : r.parents) {
                host = host.resolve(c);
                if (cur != null) {
                    SecureDirectoryStream<Path> next = cur.newDirectoryStream(rel(host, c),
                            LinkOption.NOFOLLOW_LINKS);
                    if (owned) cur.close();
                    cur = next;
                    owned = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (owned && cur != null) cur.close();
            throw e;
        }
        return new Anchor(host, cur, owned);
    }

    private static Path rel(Path anyOnFs, String name) {
        return anyOnFs.getFileSystem().getPath(name);
    }

    private Path rel(String name) {
        return host.getFileSystem().getPath(name);
    }

    /** Opens a regular file in this directory; never follows a symlink in {@code name}. */
    FileChannel openFile(String name, Set<OpenOption> options) throws IOException {
        Set<OpenOption> opts = new HashSet<>(options);
        opts.add(LinkOption.NOFOLLOW_LINKS);
        if (handle != null) {
            SeekableByteChannel ch = handle.newByteChannel(rel(name), opts);
            if (ch instanceof FileChannel) return (FileChannel) ch;
            ch.close();
        }
        return FileChannel.open(host.resolve(name), opts);
    }

    /** Opens a subdirectory handle (null where the platform has none); never follows a symlink. */
    SecureDirectoryStream<Path> openDir(String name) throws IOException {
        if (handle != null) {
            if (name == null) return handle.newDirectoryStream(rel("."), LinkOption.NOFOLLOW_LINKS);
            return handle.newDirectoryStream(rel(name), LinkOption.NOFOLLOW_LINKS);
        }
        Path p = name == null ? host : host.resolve(name);
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) throw new java.nio.file.NotDirectoryException(p.toString());
        DirectoryStream<Path> ds = Files.newDirectoryStream(p);
        ds.close();
        return null;
    }

    void deleteFile(String name) throws IOException {
        if (handle != null) handle.deleteFile(rel(name));
        else Files.delete(host.resolve(name));
    }

    void deleteDirectory(String name) throws IOException {
        if (handle != null) handle.deleteDirectory(rel(name));
        else Files.delete(host.resolve(name));
    }

    /** rename(2) semantics: replaces an existing target as POSIX allows. */
    void rename(String name, Anchor target, String targetName) throws IOException {
        if (handle != null && target.handle != null) {
            handle.move(rel(name), target.handle, target.rel(targetName));
        } else {
            Files.move(host.resolve(name), target.host.resolve(targetName), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Override
    public void close() throws IOException {
        if (owned && handle != null) handle.close();
    }
}
