package org.wasm2jvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's "Use from Java" snippets, compiled with javac and run as written (with
 * assertions enabled), so the documentation cannot drift from the API.
 */
class ReadmeSnippetsTest {
    private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
    private static final String IMPORTS = "import java.nio.charset.StandardCharsets;\nimport java.nio.file.*;\n"
            + "import java.time.Duration;\nimport java.util.*;\nimport org.wasm2jvm.api.*;\n";

    static Map<String, String> snippets() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = SNIPPET.matcher(readme);
        while (m.find()) out.put(m.group(1), m.group(2));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everySnippetCompilesAndRuns() throws IOException {
        Map<String, String> snippets = snippets();
        assertTrue(snippets.size() >= 4, "snippets found: " + snippets.keySet());
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> e : snippets.entrySet()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> compileAndRun(e.getKey(), e.getValue())));
        }
        return tests.stream();
    }

    private static void compileAndRun(String name, String body) throws Exception {
        String cls = "Snippet_" + name.replace('-', '_');
        String source = IMPORTS + "public class " + cls + " {\n public static void run() throws Exception {\n"
                + body + "\n }\n}\n";
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        StandardJavaFileManager std = javac.getStandardFileManager(diagnostics, null, null);
        JavaFileManager fm = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location l, String className, JavaFileObject.Kind k, FileObject s) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className + ".class"), k) {
                    @Override
                    public java.io.OutputStream openOutputStream() {
                        return new java.io.ByteArrayOutputStream() {
                            @Override
                            public void close() {
                                classes.put(className, toByteArray());
                            }
                        };
                    }
                };
            }
        };
        JavaFileObject src = new SimpleJavaFileObject(URI.create("string:///" + cls + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignore) {
                return source;
            }
        };
        StringWriter out = new StringWriter();
        boolean ok = javac.getTask(out, fm, diagnostics,
                List.of("-classpath", System.getProperty("java.class.path"), "-proc:none"), null, List.of(src)).call();
        assertTrue(ok, "snippet " + name + " does not compile: " + diagnostics.getDiagnostics() + out);
        ClassLoader loader = new ClassLoader(ReadmeSnippetsTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String n) throws ClassNotFoundException {
                byte[] b = classes.get(n);
                if (b == null) throw new ClassNotFoundException(n);
                return defineClass(n, b, 0, b.length);
            }
        };
        loader.setDefaultAssertionStatus(true);
        Class<?> c = loader.loadClass(cls);
        assertEquals(true, c.desiredAssertionStatus(), "assertions must be on for the snippet's checks");
        try {
            c.getMethod("run").invoke(null);
        } catch (InvocationTargetException e) {
            throw new AssertionError("snippet " + name + " failed: " + e.getCause(), e.getCause());
        }
    }
}
