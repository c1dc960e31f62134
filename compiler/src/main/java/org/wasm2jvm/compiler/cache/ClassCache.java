package org.wasm2jvm.compiler.cache;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wasm2jvm.api.CompileOptions;

/**
 * A content-addressed cache of generated classes in one directory: one file per
 * {@link CacheKey} (module hash, compiler fingerprint, options), in {@link CacheEntryFormat}.
 * Entries are written to a temporary file and renamed into place, so readers see a whole entry
 * or none; concurrent writers of one key both write complete entries and the last rename wins.
 * A damaged entry, or one whose header does not match its key, is deleted and reported as a
 * miss, never loaded. Events are logged at DEBUG on the {@code org.wasm2jvm.cache} logger.
 *
 * <p>Safe for concurrent use by several threads and processes.
 */
public final class ClassCache {
    static final String SUFFIX = ".w2jc";
    private static final System.Logger LOG = System.getLogger("org.wasm2jvm.cache");

    private final Path dir;

    public ClassCache(Path dir) {
        this.dir = dir;
    }

    /** The cache in {@link CompileOptions#userCacheDirectory()}. */
    public static ClassCache user() {
        return new ClassCache(CompileOptions.userCacheDirectory());
    }

    public Path directory() {
        return dir;
    }

    /** The cached classes for {@code key} by internal name, or null on a miss. */
    public Map<String, byte[]> read(CacheKey key) {
        Path file = dir.resolve(key.fileName());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            LOG.log(Level.DEBUG, "cache miss: {0}", file);
            return null;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cache entry {0} unreadable ({1}): compiling", file, e.toString());
            return null;
        }
        try {
            Map<String, byte[]> classes = CacheEntryFormat.decode(bytes, key.headerText());
            LOG.log(Level.DEBUG, "cache hit: {0} ({1} classes)", file, classes.size());
            return classes;
        } catch (CacheEntryFormat.CorruptEntryException e) {
            LOG.log(Level.DEBUG, "cache entry {0} rejected ({1}): deleted, compiling again", file, e.getMessage());
            delete(file);
            return null;
        }
    }

    /**
     * Writes (or replaces) the entry for {@code key}, and deletes entries of the same module
     * written by other compiler builds. Failures are logged and otherwise ignored: the cache
     * only ever saves time.
     */
    public void write(CacheKey key, Map<String, byte[]> classes) {
        Path file = dir.resolve(key.fileName());
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, key.moduleSha256().substring(0, 16) + "-", ".tmp");
            Files.write(tmp, CacheEntryFormat.encode(key.headerText(), classes));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            LOG.log(Level.DEBUG, "cache entry written: {0} ({1} classes)", file, classes.size());
            deleteOtherBuilds(key);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot write cache entry {0}: {1}", file, e.toString());
        } finally {
            if (tmp != null) delete(tmp);
        }
    }

    private void deleteOtherBuilds(CacheKey key) throws IOException {
        String mine = key.moduleSha256() + "-" + key.fingerprint() + "-";
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, key.moduleSha256() + "-*" + SUFFIX)) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(mine)) {
                    LOG.log(Level.DEBUG, "deleting cache entry of another compiler build: {0}", p);
                    delete(p);
                }
            }
        }
    }

    /** Cache entries (and leftover temporary files) in the directory. */
    public List<Path> entries() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (n.endsWith(SUFFIX) || n.endsWith(".tmp")) out.add(p);
            }
        }
        out.sort(null);
        return out;
    }

    /** Deletes every entry; returns how many files were deleted. Other files are left alone. */
    public int clean() throws IOException {
        int n = 0;
        for (Path p : entries()) {
            if (Files.deleteIfExists(p)) n++;
        }
        return n;
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot delete {0}: {1}", p, e.toString());
        }
    }
}
