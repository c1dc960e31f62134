package org.wasm2jvm.compiler.aot;

import java.util.Locale;
import java.util.Set;

/** Java identifiers made from Wasm file and export names. */
final class JavaNames {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits", "_");

    private JavaNames() {
    }

    /** {@code wasm2jvm.aot.<name>} for {@code <name>.wasm} or {@code .wat}: lower case, other characters as {@code _}. */
    static String defaultPackage(String fileName) {
        String base = fileName.replaceFirst("\\.(wasm|wat)$", "").toLowerCase(Locale.ROOT);
        return "wasm2jvm.aot." + identifier(base);
    }

    /** A valid Java identifier close to {@code name}. */
    static String identifier(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(c < 128 && Character.isJavaIdentifierPart(c) && c != '$' ? c : '_');
        }
        if (sb.length() == 0 || !Character.isJavaIdentifierStart(sb.charAt(0))) sb.insert(0, '_');
        String s = sb.toString();
        return KEYWORDS.contains(s) ? s + "_" : s;
    }

    /** Whether {@code name} is a dotted sequence of identifiers (a package or qualified class name). */
    static boolean isQualifiedName(String name) {
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || !identifier(part).equals(part)) return false;
        }
        return true;
    }
}
