package org.wasm2jvm.model;

public record CustomSection(String name, byte[] data, int offset) {
}
