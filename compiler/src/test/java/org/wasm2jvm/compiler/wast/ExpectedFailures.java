package org.wasm2jvm.compiler.wast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The checked-in list of spec commands known to fail, one {@code file.wast:LINE} per line
 * ({@code #} starts a comment). It may only shrink: a listed command that passes is an error
 * until its line is removed, so fixes are never silently lost.
 */
final class ExpectedFailures {
    /** Known failing lines by script name. */
    private final Map<String, Set<Integer>> byFile;

    private ExpectedFailures(Map<String, Set<Integer>> byFile) {
        this.byFile = byFile;
    }

    static ExpectedFailures empty() {
        return new ExpectedFailures(new TreeMap<>());
    }

    static ExpectedFailures parse(Reader in) throws IOException {
        Map<String, Set<Integer>> byFile = new TreeMap<>();
        BufferedReader r = new BufferedReader(in);
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            int hash = line.indexOf('#');
            String entry = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (entry.isEmpty()) continue;
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) throw new IOException("line " + n + ": expected file.wast:LINE, got \"" + entry + "\"");
            int at;
            try {
                at = Integer.parseInt(entry.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new IOException("line " + n + ": bad line number in \"" + entry + "\"");
            }
            byFile.computeIfAbsent(entry.substring(0, colon).trim(), k -> new TreeSet<>()).add(at);
        }
        return new ExpectedFailures(byFile);
    }

    Set<Integer> linesOf(String file) {
        return byFile.getOrDefault(file, Set.of());
    }

    /** How one script's failures compare with the list. */
    record Check(String file, Set<Integer> unexpected, Set<Integer> fixed) {
        boolean ok() {
            return unexpected.isEmpty() && fixed.isEmpty();
        }

        /** The failure message for the build; empty when ok. */
        String message(Collection<CommandResult> failures) {
            StringBuilder sb = new StringBuilder();
            if (!unexpected.isEmpty()) {
                sb.append(unexpected.size()).append(" unexpected failure(s) in ").append(file).append(':');
                for (CommandResult r : failures) {
                    if (unexpected.contains(r.line())) sb.append("\n  ").append(r);
                }
            }
            if (!fixed.isEmpty()) {
                if (sb.length() > 0) sb.append('\n');
                sb.append("remove from expected failures:");
                for (int line : fixed) sb.append(' ').append(file).append(':').append(line);
            }
            return sb.toString();
        }
    }

    Check check(FileResult result) {
        Set<Integer> failed = new TreeSet<>();
        for (CommandResult r : result.failures()) failed.add(r.line());
        Set<Integer> expected = linesOf(result.file());
        Set<Integer> unexpected = new TreeSet<>(failed);
        unexpected.removeAll(expected);
        Set<Integer> fixed = new TreeSet<>(expected);
        fixed.removeAll(failed);
        return new Check(result.file(), unexpected, fixed);
    }

    /**
     * The list's new text: the failures of the scripts that ran replace their old entries;
     * entries of scripts that did not run (a filtered run) are kept.
     */
    String updatedText(Collection<FileResult> ran) {
        Map<String, List<String>> lines = new TreeMap<>();
        for (Map.Entry<String, Set<Integer>> e : byFile.entrySet()) {
            List<String> kept = new ArrayList<>();
            for (int line : e.getValue()) kept.add(e.getKey() + ":" + line);
            lines.put(e.getKey(), kept);
        }
        for (FileResult r : ran) {
            List<String> now = new ArrayList<>();
            Set<Integer> seen = new TreeSet<>();
            for (CommandResult c : r.failures()) {
                if (!seen.add(c.line())) continue;
                now.add(c.location() + "  # " + abbreviate(c.command() + ": " + c.message()));
            }
            if (now.isEmpty()) lines.remove(r.file());
            else lines.put(r.file(), now);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# Spec testsuite commands (wasm-2.0, without simd_*) known to fail: file.wast:LINE.\n");
        sb.append("# SpecTestsuiteTest fails when one of these passes, so this list only shrinks.\n");
        sb.append("# Regenerate: mvn -B -pl compiler -am test -Dtest=SpecTestsuiteTest -Dsurefire.failIfNoSpecifiedTests=false -Dwasm2jvm.updateExpectedFailures=true\n");
        for (List<String> l : lines.values()) {
            for (String s : l) sb.append(s).append('\n');
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }
}
