package org.wasm2jvm.compiler.aot;

import java.util.Map;

/**
 * What {@link AotCompiler} made.
 *
 * @param packageName package of the generated classes
 * @param entries class-path entries by path ({@code a/b/Instance.class}, resources), sorted
 * @param mainClass the {@code Main-Class} for a jar, or null
 * @param facadeClass qualified name of the facade, or null
 * @param facadeSource Java source of the facade, or null
 */
public record AotOutput(String packageName, Map<String, byte[]> entries, String mainClass, String facadeClass,
                        String facadeSource) {
    /** Path of the facade's source file under a source root, e.g. {@code a/b/Add.java}. */
    public String facadeSourcePath() {
        return facadeClass == null ? null : facadeClass.replace('.', '/') + ".java";
    }
}
