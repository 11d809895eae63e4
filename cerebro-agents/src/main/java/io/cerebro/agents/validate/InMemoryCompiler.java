package io.cerebro.agents.validate;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles one Java source file in memory with {@code javax.tools} against the
 * {@link PipelineClasspath}, with {@code --release 21} and annotation processing off.
 */
public final class InMemoryCompiler {
    private InMemoryCompiler() {
    }

    /**
     * The outcome of a compilation.
     *
     * @param classes binary class name to bytes; empty when compilation failed
     * @param errors  one line per error ({@code line N: message}); empty on success
     */
    public record Compilation(Map<String, byte[]> classes, List<String> errors) {
        /** @return whether javac accepted the source. */
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Compiles {@code source} whose public class is {@code className}. */
    public static Compilation compile(String className, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime: run Cerebro on a JDK 21+, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
        StandardJavaFileManager std = javac.getStandardFileManager(diags, Locale.ROOT, null);
        JavaFileManager fm = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream b = new ByteArrayOutputStream();
                        out.put(name, b);
                        return b;
                    }
                };
            }
        };
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("--release", "21", "-proc:none", "-g", "-nowarn", "-encoding", "UTF-8",
                "-classpath", PipelineClasspath.asString());
        boolean ok = javac.getTask(null, fm, diags, options, null, List.of(unit)).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add("line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
            }
        }
        if (!ok && errors.isEmpty()) {
            errors.add("javac failed without a diagnostic");
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        if (ok) {
            out.forEach((k, v) -> classes.put(k, v.toByteArray()));
        }
        return new Compilation(classes, errors);
    }
}
