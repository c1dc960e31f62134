package org.wasm2jvm.wasi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.List;

/**
 * A directory: a preopen, or one the guest opened with {@code path_open}. It is the root of
 * its own sandbox: paths resolved against it cannot leave it (see SANDBOX.md). Where the
 * platform offers {@link SecureDirectoryStream} (Linux), the fd holds an open directory handle,
 * so later operations are anchored to the directory that was opened even if its host path is
 * renamed or replaced.
 */
final class DirFd extends Fd {
    final Path host;
    /** An open handle on the directory, or null where the platform has none. */
    final SecureDirectoryStream<Path> handle;
    /** The name the guest sees in {@code fd_prestat_dir_name}; null unless preopened. */
    final String preopenName;
    /** The {@code fd_readdir} snapshot; taken when the guest asks for cookie 0. */
    List<DirEntries.Entry> snapshot;

    DirFd(Path host, SecureDirectoryStream<Path> handle, String preopenName, long base, long inheriting) {
        super(base, inheriting);
        this.host = host;
        this.handle = handle;
        this.preopenName = preopenName;
    }

    /** Opens a preopen's host directory (following the host's own links: the embedder chose it). */
    static DirFd preopen(Path hostDir, String guestName, boolean readOnly) throws IOException {
        Path host = hostDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(host)) throw new java.nio.file.NotDirectoryException(host.toString());
        DirectoryStream<Path> ds = Files.newDirectoryStream(host);
        SecureDirectoryStream<Path> handle = null;
        if (ds instanceof SecureDirectoryStream) {
            handle = (SecureDirectoryStream<Path>) ds;
        } else {
            ds.close();
        }
        long base = readOnly ? Rights.DIR & ~Rights.DIR_WRITE : Rights.DIR;
        long inheriting = readOnly ? (Rights.DIR | Rights.FILE) & ~(Rights.DIR_WRITE | Rights.FILE_WRITE)
                : Rights.DIR | Rights.FILE;
        return new DirFd(host, handle, guestName, base, inheriting);
    }

    @Override
    int filetype() {
        return Filetype.DIRECTORY;
    }

    @Override
    void close() throws IOException {
        if (handle != null) handle.close();
    }
}
