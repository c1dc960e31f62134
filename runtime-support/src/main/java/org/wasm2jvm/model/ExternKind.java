package org.wasm2jvm.model;

/** The kind of an import or export; the ordinal order matches the binary encoding. */
public enum ExternKind {
    FUNCTION, TABLE, MEMORY, GLOBAL;

    public static ExternKind fromCode(int code) {
        return code >= 0 && code < 4 ? values()[code] : null;
    }
}
