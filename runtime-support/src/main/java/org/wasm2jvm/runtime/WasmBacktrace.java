package org.wasm2jvm.runtime;

import java.util.ArrayList;
import java.util.List;
import org.wasm2jvm.model.FunctionBody;
import org.wasm2jvm.model.Module;

/**
 * The Wasm frames of an exception that passed through generated code, innermost first.
 * Generated methods are named {@code f<index>} or {@code f<index>_<name>} (parts of split
 * functions {@code f<index>...$...}) and carry the Wasm code offset, relative to the function body, as their
 * line number.
 */
public final class WasmBacktrace {
    private WasmBacktrace() {
    }

    /** One Wasm frame: function index, its name (or null), and the module byte offset (or -1). */
    public record Frame(int function, String name, long offset) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(name != null ? name : "func[" + function + "]");
            if (name != null) sb.append(" (func ").append(function).append(')');
            if (offset >= 0) sb.append(" @ 0x").append(Long.toHexString(offset));
            return sb.toString();
        }
    }

    /** Frames of {@code t} in code generated for {@code module} (matched by its class loader). */
    public static List<Frame> of(Throwable t, CompiledModule module) {
        String loader = module.instanceClass().getClassLoader().getName();
        String prefix = module.instanceClass().getPackageName();
        Module m = module.module();
        List<Frame> frames = new ArrayList<>();
        boolean previousWasRegion = false;
        for (StackTraceElement e : t.getStackTrace()) {
            if (loader != null && !loader.equals(e.getClassLoaderName())) continue;
            if (!e.getClassName().startsWith(prefix + ".")) continue;
            int index = functionIndex(e.getMethodName());
            if (index < 0) continue;
            long offset = -1;
            int defined = index - m.importedFunctionCount();
            if (e.getLineNumber() > 0 && defined >= 0 && defined < m.codes.size()) {
                FunctionBody body = m.codes.get(defined);
                offset = body.offset() + e.getLineNumber();
            }
            boolean region = e.getMethodName().indexOf('$') >= 0;
            // one activation of a split function spans its region methods and the function's
            // own method: keep only the innermost of them
            boolean sameActivation = previousWasRegion && frames.get(frames.size() - 1).function() == index;
            previousWasRegion = region;
            if (sameActivation) continue;
            frames.add(new Frame(index, m.functionNames.get(index), offset));
        }
        return frames;
    }

    private static int functionIndex(String method) {
        if (method.length() < 2 || method.charAt(0) != 'f') return -1;
        int end = 1;
        while (end < method.length() && Character.isDigit(method.charAt(end))) end++;
        if (end == 1 || (end < method.length() && method.charAt(end) != '$' && method.charAt(end) != '_')) return -1;
        return Integer.parseInt(method.substring(1, end));
    }
}
