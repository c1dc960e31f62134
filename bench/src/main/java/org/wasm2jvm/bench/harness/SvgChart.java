package org.wasm2jvm.bench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Grouped horizontal bars on a log scale: one group per benchmark, one bar per runtime, each
 * bar the runtime's best time divided by native's best (1 = as fast as native). Benchmarks
 * without a native time are left out. Written by hand: a plain SVG 1.1 document.
 */
public final class SvgChart {
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31"};
    private static final int LEFT = 170;
    private static final int PLOT = 560;
    private static final int BAR = 11;

    private SvgChart() {
    }

    public static String render(String title, List<PairResult> results, List<String> runtimeOrder) {
        Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
        for (PairResult r : results) {
            ratios.computeIfAbsent(r.run().name(), k -> new LinkedHashMap<>());
        }
        Map<String, Double> nativeBest = new LinkedHashMap<>();
        for (PairResult r : results) {
            if (r.runtime().equals("native") && r.status() == PairResult.Status.OK) nativeBest.put(r.run().name(), (double) r.stats().best());
        }
        List<String> runtimes = new ArrayList<>();
        for (String rt : runtimeOrder) if (!rt.equals("native")) runtimes.add(rt);
        double min = 1, max = 1;
        for (PairResult r : results) {
            Double base = nativeBest.get(r.run().name());
            if (base == null || r.runtime().equals("native") || r.status() != PairResult.Status.OK) continue;
            double ratio = r.stats().best() / base;
            ratios.get(r.run().name()).put(r.runtime(), ratio);
            min = Math.min(min, ratio);
            max = Math.max(max, ratio);
        }
        ratios.keySet().retainAll(nativeBest.keySet());
        double lo = Math.pow(10, Math.floor(Math.log10(min)));
        double hi = Math.pow(10, Math.ceil(Math.log10(max * 1.0001)));
        if (hi <= lo) hi = lo * 10;
        int groupHeight = Math.max(1, runtimes.size()) * BAR + 12;
        int top = 50;
        int height = top + ratios.size() * groupHeight + 40 + 18 * runtimes.size();
        int width = LEFT + PLOT + 90;
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n", width, height, width, height));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>\n", LEFT, esc(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"36\">best whole-process time / native best (log scale; 1 = native)</text>\n", LEFT));
        int plotBottom = top + ratios.size() * groupHeight;
        for (double tick = lo; tick <= hi * 1.0001; tick *= 10) {
            double x = LEFT + scale(tick, lo, hi);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n", x, top - 4, x,
                    plotBottom, tick == 1 ? "#000" : "#ccc"));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s×</text>\n", x, plotBottom + 14,
                    fmt(tick)));
        }
        int y = top;
        for (Map.Entry<String, Map<String, Double>> g : ratios.entrySet()) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", LEFT - 6,
                    y + groupHeight / 2, esc(g.getKey())));
            for (int i = 0; i < runtimes.size(); i++) {
                Double ratio = g.getValue().get(runtimes.get(i));
                int by = y + i * BAR;
                if (ratio == null) continue;
                double w = Math.max(1, scale(ratio, lo, hi));
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                        + "<title>%s %s: %.2f×</title></rect>\n", LEFT, by, w, BAR - 2, COLOURS[i % COLOURS.length],
                        esc(g.getKey()), esc(runtimes.get(i)), ratio));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\">%.2f</text>\n", LEFT + w + 3,
                        by + BAR - 3, ratio));
            }
            y += groupHeight;
        }
        int ly = plotBottom + 34;
        for (int i = 0; i < runtimes.size(); i++) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>\n", LEFT, ly + 18 * i, COLOURS[i % COLOURS.length], LEFT + 18,
                    ly + 18 * i + 9, esc(runtimes.get(i))));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** Position of a ratio on the plot: log scale from {@code lo} (left edge) to {@code hi} (right edge). */
    private static double scale(double v, double lo, double hi) {
        return PLOT * (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
    }

    private static String fmt(double tick) {
        return tick >= 1 ? String.format(Locale.ROOT, "%.0f", tick) : String.format(Locale.ROOT, "%s", tick);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
