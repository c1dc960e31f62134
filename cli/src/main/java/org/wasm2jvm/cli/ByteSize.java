package org.wasm2jvm.cli;

import org.wasm2jvm.wasi.launch.LaunchProperties;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Sizes such as {@code 512m}, {@code 1g}, {@code 64k} or plain bytes, read as AOT jars read them. */
final class ByteSize implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return parse(value);
    }

    static long parse(String value) {
        try {
            return LaunchProperties.parseSize(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
