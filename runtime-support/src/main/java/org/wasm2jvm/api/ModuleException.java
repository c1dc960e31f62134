package org.wasm2jvm.api;

/**
 * A module could not be compiled: it is malformed (the binary or text does not decode) or
 * invalid (it decodes but fails validation). The message starts with the spec's wording, e.g.
 * "unexpected end", "type mismatch"; {@link #offset()} is the byte offset in the binary (or the
 * character offset in a text module), -1 when unknown.
 */
public class ModuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind { MALFORMED, INVALID }

    private final Kind kind;
    private final long offset;
    private final String section;

    public ModuleException(Kind kind, String message, String section, long offset) {
        super(message);
        this.kind = kind;
        this.section = section;
        this.offset = offset;
    }

    public static ModuleException malformed(String message, String section, long offset) {
        return new ModuleException(Kind.MALFORMED, message, section, offset);
    }

    public static ModuleException invalid(String message, String section, long offset) {
        return new ModuleException(Kind.INVALID, message, section, offset);
    }

    public Kind kind() {
        return kind;
    }

    public long offset() {
        return offset;
    }

    /** The section being read when the error was found, or null. */
    public String section() {
        return section;
    }

    /** The spec wording alone, without position. */
    public String reason() {
        return super.getMessage();
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(super.getMessage());
        if (section != null || offset >= 0) {
            sb.append(" (");
            if (section != null) sb.append(section).append(" section");
            if (offset >= 0) {
                if (section != null) sb.append(", ");
                sb.append("at offset 0x").append(Long.toHexString(offset));
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
