package org.wasm2jvm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check-then-act window: a directory the sandbox checked is swapped for a symlink to the
 * outside before the operation runs. With a secure directory stream the anchored walk refuses
 * to go through the link.
 */
class AnchorRaceTest {
    @TempDir
    Path tmp;

    @Test
    void aComponentSwappedForASymlinkAfterTheCheckIsNotFollowed() throws IOException {
        Path sandbox = Files.createDirectories(tmp.resolve("sandbox/a"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(sandbox.resolve("secret.txt"), "inside");
        DirFd root = DirFd.preopen(tmp.resolve("sandbox"), "/", false);
        assumeTrue(root.handle != null, "no SecureDirectoryStream on this platform");
        Sandbox.Resolved r = Sandbox.resolve(root, "a/secret.txt", false);
        assertEquals("secret.txt", r.name);
        // the race: replace the checked directory "a" with a link to the outside
        Files.move(sandbox, tmp.resolve("sandbox/a-old"));
        Files.createSymbolicLink(tmp.resolve("sandbox/a"), Path.of("../outside"));
        assertThrows(IOException.class, () -> {
            try (Anchor a = Anchor.open(r)) {
                a.openFile(r.name, Set.of(StandardOpenOption.READ)).close();
            }
        });
        Sandbox.Resolved victim = Sandbox.resolve(root, "a-old/secret.txt", false);
        Files.move(tmp.resolve("sandbox/a-old"), tmp.resolve("sandbox/b"));
        Files.createSymbolicLink(tmp.resolve("sandbox/a-old"), Path.of("../outside"));
        assertThrows(IOException.class, () -> {
            try (Anchor a = Anchor.open(victim)) {
                a.deleteFile(victim.name);
            }
        });
        assertEquals("secret", Files.readString(outside.resolve("secret.txt")));
        assertFalse(Files.exists(tmp.resolve("sandbox/secret.txt")));
        root.close();
    }
}
