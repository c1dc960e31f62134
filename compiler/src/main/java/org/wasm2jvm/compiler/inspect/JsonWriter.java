package org.wasm2jvm.compiler.inspect;

/**
 * A minimal streaming JSON writer (objects, arrays, strings, numbers, booleans, null) with the
 * escaping RFC 8259 requires. Output is compact except for a newline at the end. Used for
 * {@code inspect --json} and {@code run --stats=json}; no JSON library is needed for that.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8259">RFC 8259</a>
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    /** Whether the current container has had a member yet: one bit per nesting level. */
    private long first = 1;
    private int depth;
    private boolean afterName;

    public JsonWriter beginObject() {
        value();
        out.append('{');
        push();
        return this;
    }

    public JsonWriter endObject() {
        depth--;
        out.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        value();
        out.append('[');
        push();
        return this;
    }

    public JsonWriter endArray() {
        depth--;
        out.append(']');
        return this;
    }

    /** The name of the next member of the current object. */
    public JsonWriter name(String name) {
        separator();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        value();
        if (s == null) out.append("null");
        else string(s);
        return this;
    }

    public JsonWriter value(long v) {
        value();
        out.append(v);
        return this;
    }

    public JsonWriter value(double v) {
        value();
        if (Double.isFinite(v)) out.append(v);
        else out.append("null");
        return this;
    }

    public JsonWriter value(boolean v) {
        value();
        out.append(v);
        return this;
    }

    /** A boxed number, or null. */
    public JsonWriter value(Long v) {
        if (v == null) return value((String) null);
        return value(v.longValue());
    }

    public JsonWriter member(String name, String v) {
        return name(name).value(v);
    }

    public JsonWriter member(String name, long v) {
        return name(name).value(v);
    }

    public JsonWriter member(String name, boolean v) {
        return name(name).value(v);
    }

    @Override
    public String toString() {
        return out + "\n";
    }

    private void push() {
        depth++;
        if (depth >= 63) throw new IllegalStateException("JSON nested too deeply");
        first |= 1L << depth;
    }

    private void value() {
        if (afterName) {
            afterName = false;
            return;
        }
        separator();
    }

    private void separator() {
        if (depth == 0) return;
        long bit = 1L << depth;
        if ((first & bit) != 0) first &= ~bit;
        else out.append(',');
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
