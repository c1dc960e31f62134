package org.wasm2jvm.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class SvgChartTest {
    private static PairResult ok(String run, String runtime, long bestNanos) {
        return new PairResult(new BenchRun(run, run, "study", List.of(), null, false, 1, false, 0), runtime,
                PairResult.Status.OK, Stats.of(List.of(bestNanos)), "");
    }

    @Test
    void wellFormedWithOneBarPerMeasuredPairAndRatiosToNative() throws Exception {
        List<PairResult> results = new ArrayList<>(List.of(
                ok("a<&>", "native", 1_000_000), ok("a<&>", "wasm2jvm", 2_500_000), ok("a<&>", "node", 500_000),
                ok("b", "native", 1_000_000), ok("b", "wasm2jvm", 40_000_000),
                new PairResult(new BenchRun("b", "b", "study", List.of(), null, false, 1, false, 0), "node",
                        PairResult.Status.FAILED, null, "stdout differs"),
                ok("no-native", "wasm2jvm", 1_000_000)));
        String svg = SvgChart.render("t", results, List.of("native", "wasm2jvm", "node"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        NodeList titles = doc.getElementsByTagName("title");
        List<String> bars = new ArrayList<>();
        for (int i = 0; i < titles.getLength(); i++) bars.add(titles.item(i).getTextContent());
        assertEquals(List.of("a<&> wasm2jvm: 2.50×", "a<&> node: 0.50×", "b wasm2jvm: 40.00×"), bars);
        // log axis from 0.1 to 100: ticks 0.1, 1, 10, 100
        assertTrue(svg.contains(">0.1×<") && svg.contains(">100×<"), svg);
    }
}
