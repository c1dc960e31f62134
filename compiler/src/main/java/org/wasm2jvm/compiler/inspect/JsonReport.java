package org.wasm2jvm.compiler.inspect;

/**
 * Renders a {@link ModuleReport} as one JSON object for tools. Member names follow the
 * report's record components; absent values (no start function, no memory) are {@code null}.
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static String render(String file, ModuleReport r) {
        JsonWriter j = new JsonWriter().beginObject();
        j.member("file", file).member("format", r.format()).member("size", r.binarySize())
                .member("moduleName", r.moduleName());
        j.name("sections").beginArray();
        for (SectionInfo s : r.sections()) {
            j.beginObject().member("id", s.id()).member("name", s.name()).member("custom", s.isCustom())
                    .member("offset", s.offset()).member("size", s.size()).endObject();
        }
        j.endArray();
        ModuleReport.Counts c = r.counts();
        j.name("counts").beginObject().member("types", c.types()).member("imports", c.imports())
                .member("importedFunctions", c.importedFunctions()).member("importedTables", c.importedTables())
                .member("importedMemories", c.importedMemories()).member("importedGlobals", c.importedGlobals())
                .member("functions", c.functions()).member("tables", c.tables()).member("memories", c.memories())
                .member("globals", c.globals()).member("exports", c.exports()).member("elements", c.elements())
                .member("data", c.data()).endObject();
        SectionInfo code = r.section("code");
        j.name("code").beginObject().member("sectionSize", code == null ? 0 : code.size())
                .member("bodyBytes", r.codeBodyBytes());
        j.name("largestFunctions").beginArray();
        for (ModuleReport.FunctionSize f : r.largestFunctions()) {
            j.beginObject().member("index", f.index()).member("name", f.name()).member("size", f.size()).endObject();
        }
        j.endArray().endObject();
        j.name("imports").beginArray();
        for (ModuleReport.ImportInfo i : r.imports()) {
            j.beginObject().member("module", i.module()).member("name", i.name()).member("kind", i.kind())
                    .member("type", i.type()).member("localName", i.localName()).endObject();
        }
        j.endArray();
        j.name("exports").beginArray();
        for (ModuleReport.ExportInfo e : r.exports()) {
            j.beginObject().member("name", e.name()).member("kind", e.kind()).member("index", e.index())
                    .member("type", e.type()).member("localName", e.localName()).endObject();
        }
        j.endArray();
        j.name("start");
        if (r.start() == null) j.value((String) null);
        else j.beginObject().member("index", r.start().index()).member("name", r.start().name()).endObject();
        j.name("producers").beginObject();
        for (Producers.Field f : r.producers().fields()) {
            j.name(f.name()).beginArray();
            for (Producers.Tool t : f.values()) {
                j.beginObject().member("name", t.name()).member("version", t.version()).endObject();
            }
            j.endArray();
        }
        j.endObject();
        j.name("targetFeatures").beginArray();
        for (String f : r.targetFeatures()) j.value(f);
        j.endArray();
        j.name("memory");
        memory(j, r.memory());
        return j.endObject().toString();
    }

    private static void memory(JsonWriter j, MemoryLayout m) {
        if (m == null) {
            j.value((String) null);
            return;
        }
        j.beginObject().member("minPages", m.minPages()).name("maxPages").value(m.maxPages() >= 0 ? m.maxPages() : null)
                .member("imported", m.imported());
        j.name("segments").beginArray();
        for (MemoryLayout.Segment s : m.segments()) {
            j.beginObject().member("index", s.index()).member("name", s.name())
                    .name("start").value(s.start() >= 0 ? s.start() : null)
                    .name("end").value(s.end() >= 0 ? s.end() : null).endObject();
        }
        j.endArray();
        j.name("globals").beginArray();
        for (MemoryLayout.LayoutGlobal g : m.globals()) {
            j.beginObject().member("name", g.name()).member("index", g.index()).name("value").value(g.value())
                    .member("mutable", g.mutable()).member("foundBy", g.foundBy()).endObject();
        }
        j.endArray();
        j.name("map").beginArray();
        for (MemoryLayout.Region x : m.regions()) {
            j.beginObject().member("start", x.start()).member("end", x.end()).member("kind", x.kind().label())
                    .member("description", x.description()).member("inferred", x.inferred()).endObject();
        }
        j.endArray().endObject();
    }
}
