package org.wasm2jvm.compiler.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.wasm2jvm.api.CompileOptions;

/**
 * What a cache entry is for: the module's bytes (SHA-256), the compiler that generated the
 * classes ({@link CompilerFingerprint}) and every option that changes the generated code.
 * The file name is {@code <module sha256>-<fingerprint>-<options>.w2jc}; the entry's header
 * repeats the whole key, and an entry whose header differs is stale and never loaded.
 */
public record CacheKey(String moduleSha256, String fingerprint, String options) {

    /** The key of {@code moduleBytes} compiled with {@code options} by this compiler. */
    public static CacheKey of(byte[] moduleBytes, CompileOptions options) {
        String opts = "metering=" + options.metering() + ",callDepthLimit=" + options.callDepthLimit()
                + ",compilation=" + options.compilation();
        return new CacheKey(sha256(moduleBytes), CompilerFingerprint.get(), opts);
    }

    String fileName() {
        return moduleSha256 + "-" + fingerprint + "-" + sha256(options.getBytes(StandardCharsets.UTF_8)).substring(0, 16)
                + ClassCache.SUFFIX;
    }

    /** The text the entry's header holds (compared whole when the entry is read). */
    String headerText() {
        return moduleSha256 + " " + fingerprint + " " + options;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
