package org.wasm2jvm.compiler.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link ModuleReport} as plain text that fits 80 columns (long names aside). */
public final class TextReport {
    private final StringBuilder out = new StringBuilder();

    private TextReport() {
    }

    public static String render(String title, ModuleReport r) {
        TextReport t = new TextReport();
        t.all(title, r);
        return t.out.toString();
    }

    private void all(String title, ModuleReport r) {
        line("%s: %s module, %s bytes%s", title, r.format(), n(r.binarySize()),
                r.moduleName() != null ? ", name \"" + r.moduleName() + "\"" : "");
        producers(r.producers());
        if (!r.targetFeatures().isEmpty()) line("target features: %s", String.join(" ", r.targetFeatures()));
        blank();
        sections(r);
        blank();
        counts(r.counts());
        blank();
        code(r);
        blank();
        imports(r);
        blank();
        exports(r);
        line("start function: %s", r.start() == null ? "none" : func(r.start().index(), r.start().name()));
        blank();
        if (r.memory() == null) {
            line("no linear memory");
        } else {
            memory(r.memory());
        }
    }

    private void producers(Producers p) {
        if (p.isEmpty()) return;
        List<String> parts = new ArrayList<>();
        for (Producers.Field f : p.fields()) {
            List<String> tools = f.values().stream().map(Producers.Tool::toString).toList();
            parts.add(f.name() + " " + String.join(", ", tools));
        }
        line("produced by: %s", String.join("; ", parts));
    }

    private void sections(ModuleReport r) {
        line("%-26s %10s %10s", "sections (" + r.sections().size() + ")", "offset", "size");
        for (SectionInfo s : r.sections()) {
            String name = s.isCustom() ? "custom \"" + s.name() + "\"" : s.name();
            line("  %-24s %10s %10s", name, hex(s.offset()), n(s.size()));
        }
    }

    private void counts(ModuleReport.Counts c) {
        line("types %d, imports %d, functions %d (+%d imported), tables %d (+%d), memories %d (+%d),",
                c.types(), c.imports(), c.functions(), c.importedFunctions(), c.tables(), c.importedTables(),
                c.memories(), c.importedMemories());
        line("globals %d (+%d), exports %d, element segments %d, data segments %d",
                c.globals(), c.importedGlobals(), c.exports(), c.elements(), c.data());
    }

    private void code(ModuleReport r) {
        SectionInfo code = r.section("code");
        line("code: %s bytes (%s in %d function bodies)", n(code == null ? 0 : code.size()), n(r.codeBodyBytes()),
                r.counts().functions());
        if (r.largestFunctions().isEmpty()) return;
        line("largest functions:");
        for (ModuleReport.FunctionSize f : r.largestFunctions()) {
            line("  %10s  %s", n(f.size()), func(f.index(), f.name()));
        }
    }

    private void imports(ModuleReport r) {
        line("imports (%d)", r.imports().size());
        for (ModuleReport.ImportInfo i : r.imports()) {
            line("  %-6s %s.%s %s", i.kind(), i.module(), i.name(), i.type());
        }
    }

    private void exports(ModuleReport r) {
        line("exports (%d)", r.exports().size());
        for (ModuleReport.ExportInfo e : r.exports()) {
            String target = e.kind() + "[" + e.index() + "]" + (e.localName() != null && !e.localName().equals(e.name())
                    ? " " + e.localName() : "");
            line("  %-6s \"%s\" = %s %s", e.kind(), e.name(), target, e.type());
        }
    }

    private void memory(MemoryLayout m) {
        String max = m.maxPages() >= 0 ? "maximum " + m.maxPages() + (m.maxPages() == 1 ? " page" : " pages") : "no maximum";
        line("linear memory 0%s: %d page%s (%s) initial, %s", m.imported() ? " (imported)" : "", m.minPages(),
                m.minPages() == 1 ? "" : "s", human(m.minBytes()), max);
        for (MemoryLayout.Segment s : m.segments()) {
            String where = s.start() < 0 ? "at a non-constant offset" : "[" + hex(s.start()) + ", " + hex(s.end()) + ")";
            line("  data[%d]%s %s, %s bytes", s.index(), s.name() != null ? " " + s.name() : "", where, n(s.size()));
        }
        for (MemoryLayout.LayoutGlobal g : m.globals()) {
            String v = g.value() == null ? "(imported or not constant)" : g.value() + " (" + hex(g.value()) + ")";
            line("  global[%d] %s = %s, %s, found by %s", g.index(), g.name(), v, g.mutable() ? "mutable" : "immutable",
                    g.foundBy());
        }
        if (m.regions().isEmpty()) return;
        line("memory map, from address 0 up (~ follows from wasm-ld's defaults):");
        for (MemoryLayout.Region x : m.regions()) {
            line("  %s-%s %12s  %s%s", hex(x.start()), hex(x.end()), n(x.size()), x.description(), x.inferred() ? " ~" : "");
        }
    }

    private static String func(int index, String name) {
        return "func[" + index + "]" + (name != null ? " " + name : "");
    }

    static String hex(long v) {
        return String.format(Locale.ROOT, "0x%08x", v);
    }

    static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String human(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) return (bytes >> 20) + " MiB";
        if (bytes >= 1024 && bytes % 1024 == 0) return (bytes >> 10) + " KiB";
        return n(bytes) + " bytes";
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args).stripTrailing()).append('\n');
    }

    private void blank() {
        out.append('\n');
    }
}
