package org.wasm2jvm.cli;

import java.util.Locale;
import org.wasm2jvm.api.Compilation;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --compile lazy|eager}. */
final class CompilationConverter implements ITypeConverter<Compilation> {
    @Override
    public Compilation convert(String value) {
        try {
            return Compilation.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("expected lazy or eager, got '" + value + "'");
        }
    }
}
