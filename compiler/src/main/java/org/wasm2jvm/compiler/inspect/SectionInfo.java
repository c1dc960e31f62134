package org.wasm2jvm.compiler.inspect;

/**
 * One section of a module binary: its id, its name ({@code type}, {@code code}, ... or a custom
 * section's own name), where its contents start and how many bytes they take (the size field of
 * the section header, so the id byte and the size's LEB128 are not counted — as
 * {@code wasm-objdump -h} reports it).
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#sections">Spec 5.5.2 Sections</a>
 */
public record SectionInfo(int id, String name, int offset, int size) {
    public static final int CUSTOM = 0;

    public boolean isCustom() {
        return id == CUSTOM;
    }
}
