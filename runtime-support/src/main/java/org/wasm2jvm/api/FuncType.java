package org.wasm2jvm.api;

import java.util.Arrays;

/**
 * A function type: parameter and result types. Immutable; equality is structural.
 *
 * @see <a href="https://webassembly.github.io/spec/core/syntax/types.html#function-types">Spec 2.3.6 Function Types</a>
 */
public final class FuncType {
    private final ValType[] params;
    private final ValType[] results;
    private final int hash;

    public FuncType(ValType[] params, ValType[] results) {
        this.params = params.clone();
        this.results = results.clone();
        this.hash = 31 * Arrays.hashCode(this.params) + Arrays.hashCode(this.results);
    }

    public static FuncType of(ValType[] params, ValType... results) {
        return new FuncType(params, results);
    }

    public ValType[] params() {
        return params.clone();
    }

    public ValType[] results() {
        return results.clone();
    }

    public int paramCount() {
        return params.length;
    }

    public int resultCount() {
        return results.length;
    }

    public ValType param(int i) {
        return params[i];
    }

    public ValType result(int i) {
        return results[i];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof FuncType)) return false;
        FuncType t = (FuncType) o;
        return hash == t.hash && Arrays.equals(params, t.params) && Arrays.equals(results, t.results);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(func");
        if (params.length > 0) {
            sb.append(" (param");
            for (ValType p : params) sb.append(' ').append(p);
            sb.append(')');
        }
        if (results.length > 0) {
            sb.append(" (result");
            for (ValType r : results) sb.append(' ').append(r);
            sb.append(')');
        }
        return sb.append(')').toString();
    }
}
