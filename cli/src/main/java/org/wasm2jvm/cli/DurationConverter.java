package org.wasm2jvm.cli;

import java.time.Duration;
import org.wasm2jvm.wasi.launch.LaunchProperties;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations such as {@code 250ms}, {@code 2s}, {@code 1m}, {@code 1h}, read as AOT jars read them. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return LaunchProperties.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
