package org.wasm2jvm.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves guest paths against a directory fd without ever leaving it. The algorithm, its
 * guarantees and its limits are described in SANDBOX.md next to this file; in short: one
 * component at a time, never following a symlink inside the host, splicing each link's target
 * into the remaining components, and refusing absolute paths and any {@code ..} above the
 * directory fd with ENOTCAPABLE.
 */
final class Sandbox {
    /** Symlinks followed in one resolution before ELOOP, as Linux's MAXSYMLINKS. */
    static final int MAX_SYMLINKS = 40;

    private Sandbox() {}

    /** Where a guest path leads: a directory inside the sandbox and one name in it. */
    static final class Resolved {
        final DirFd dir;
        /** Directories from {@code dir} down to the parent; none is a symlink or {@code ..}. */
        final List<String> parents;
        /** The final component; null when the path names the directory {@code parents} itself. */
        final String name;
        /** The path ended in {@code /}, {@code .} or {@code ..}: it must name a directory. */
        final boolean mustBeDir;
        /** lstat of the final component when resolved, or null when it does not exist. */
        final BasicFileAttributes attrs;
        /**
         * The path ended in {@code .} or {@code ..}: it names a directory, but not by a name that
         * can be created, removed or renamed ({@code rmdir("a/..")} must not remove {@code a}).
         */
        boolean dotEnd;

        Resolved(DirFd dir, List<String> parents, String name, boolean mustBeDir, BasicFileAttributes attrs) {
            this.dir = dir;
            this.parents = parents;
            this.name = name;
            this.mustBeDir = mustBeDir;
            this.attrs = attrs;
        }

        Path parentHost() {
            Path p = dir.host;
            for (String c : parents) p = p.resolve(c);
            return p;
        }

        Path host() {
            return name == null ? parentHost() : parentHost().resolve(name);
        }

        boolean exists() {
            return attrs != null;
        }

        boolean isDirectory() {
            return attrs != null && attrs.isDirectory();
        }

        boolean isSymlink() {
            return attrs != null && attrs.isSymbolicLink();
        }

        /** For operations on a name (create, unlink, rename): the path must not be {@code .}/{@code ..}-terminal. */
        String requireName(int errnoIfNone) {
            if (name == null || dotEnd) throw WasiErrnoException.of(errnoIfNone);
            return name;
        }
    }

    /**
     * Resolves {@code path} against {@code dir}.
     *
     * @param followFinal follow a symlink in the last component ({@code LOOKUPFLAGS_SYMLINK_FOLLOW});
     *                    links in earlier components are always followed (inside the sandbox)
     */
    static Resolved resolve(DirFd dir, String path, boolean followFinal) throws IOException {
        if (path.isEmpty()) throw WasiErrnoException.of(Errno.ENOENT);
        if (path.startsWith("/")) throw WasiErrnoException.of(Errno.ENOTCAPABLE);
        String sep = dir.host.getFileSystem().getSeparator();
        Deque<String> pending = new ArrayDeque<>(split(path, sep));
        boolean mustBeDir = namesDirectory(path);
        List<String> stack = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String c = pending.removeFirst();
            if (c.equals("..")) {
                // Every entry on the stack was checked to be a real directory, so dropping it
                // lexically is the same as the kernel's "..": the stack can never hold a link.
                if (stack.isEmpty()) throw WasiErrnoException.of(Errno.ENOTCAPABLE);
                stack.remove(stack.size() - 1);
                if (pending.isEmpty()) mustBeDir = true;
                continue;
            }
            boolean last = pending.isEmpty();
            Path host = at(dir, stack).resolve(c);
            BasicFileAttributes a = lstat(host);
            if (a == null) {
                if (last) return new Resolved(dir, stack, c, mustBeDir, null);
                throw WasiErrnoException.of(Errno.ENOENT);
            }
            if (a.isSymbolicLink() && (!last || followFinal || mustBeDir)) {
                if (++links > MAX_SYMLINKS) throw WasiErrnoException.of(Errno.ELOOP);
                String target = Files.readSymbolicLink(host).toString();
                if (target.isEmpty()) throw WasiErrnoException.of(Errno.ENOENT);
                if (target.startsWith("/")) throw WasiErrnoException.of(Errno.ENOTCAPABLE);
                List<String> parts = split(target, sep);
                if (last && namesDirectory(target)) mustBeDir = true;
                for (int i = parts.size() - 1; i >= 0; i--) pending.addFirst(parts.get(i));
                continue;
            }
            if (last) {
                if (mustBeDir && !a.isDirectory() && !a.isSymbolicLink()) throw WasiErrnoException.of(Errno.ENOTDIR);
                Resolved r = new Resolved(dir, stack, c, mustBeDir, a);
                r.dotEnd = path.endsWith("/.");
                return r;
            }
            if (!a.isDirectory()) throw WasiErrnoException.of(Errno.ENOTDIR);
            stack.add(c);
        }
        // The path ended on "." or ".." (or a link to one): it names a directory on the stack.
        Resolved r;
        if (stack.isEmpty()) {
            r = new Resolved(dir, stack, null, true, lstat(dir.host));
        } else {
            String name = stack.remove(stack.size() - 1);
            r = new Resolved(dir, stack, name, true, lstat(at(dir, stack).resolve(name)));
        }
        r.dotEnd = true;
        return r;
    }

    private static Path at(DirFd dir, List<String> stack) {
        Path p = dir.host;
        for (String c : stack) p = p.resolve(c);
        return p;
    }

    static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** True when a path's last component is {@code .} or {@code ..}, or it ends in a slash. */
    private static boolean namesDirectory(String path) {
        return path.endsWith("/") || path.equals(".") || path.equals("..") || path.endsWith("/.")
                || path.endsWith("/..");
    }

    /** Components without empty ones and {@code .}; a host separator inside a component is refused. */
    private static List<String> split(String path, String hostSeparator) {
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) {
            if (c.isEmpty() || c.equals(".")) continue;
            if (!hostSeparator.equals("/") && c.contains(hostSeparator)) throw WasiErrnoException.of(Errno.EINVAL);
            out.add(c);
        }
        return out;
    }
}
