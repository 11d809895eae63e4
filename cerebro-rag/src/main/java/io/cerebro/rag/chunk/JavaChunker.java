package io.cerebro.rag.chunk;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.Position;
import com.github.javaparser.Range;
import io.cerebro.rag.corpus.Chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Java source with JavaParser into one chunk per top-level type (the whole file, so the
 * imports and Javadoc are kept) and one chunk per method or constructor, which carries the file's
 * package and imports, the enclosing type's name, and the method's own Javadoc.
 */
public final class JavaChunker implements Chunker {
    private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)));

    @Override
    public String language() {
        return "java";
    }

    @Override
    public Chunked chunk(String text, String fileName) throws UnparsableException {
        ParseResult<CompilationUnit> parsed = PARSER.get().parse(text);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            String why = parsed.getProblems().stream().findFirst().map(Problem::getVerboseMessage)
                    .map(m -> m.lines().findFirst().orElse(m)).orElse("syntax error");
            throw new UnparsableException(why);
        }
        CompilationUnit cu = parsed.getResult().get();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder preamble = new StringBuilder();
        cu.getPackageDeclaration().ifPresent(p -> preamble.append(source(lines, range(p))).append('\n'));
        cu.getImports().forEach(i -> preamble.append(source(lines, range(i))).append('\n'));

        List<Chunk> chunks = new ArrayList<>();
        String title = fileName.endsWith(".java") ? fileName.substring(0, fileName.length() - 5) : fileName;
        boolean titled = false;
        for (TypeDeclaration<?> type : cu.getTypes()) {
            if (!titled && type.isPublic()) {
                title = type.getNameAsString();
                titled = true;
            }
            int start = type.getBegin().map(p -> p.line).orElse(1);
            // one type per file is the norm: then the class chunk is the whole file
            String classText = cu.getTypes().size() == 1 ? text.strip() : preamble + source(lines, withComment(type));
            chunks.add(new Chunk("class", type.getNameAsString(), classText, start));
            collectMethods(type, type.getNameAsString(), lines, preamble.toString(), chunks);
        }
        if (chunks.isEmpty()) {
            throw new UnparsableException("no class, interface, enum or record found");
        }
        return new Chunked(title, chunks);
    }

    private static void collectMethods(TypeDeclaration<?> type, String qualifiedName, String[] lines, String preamble,
                                       List<Chunk> out) {
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof CallableDeclaration<?> callable) {
                String body = source(lines, withComment(callable));
                out.add(new Chunk("method", qualifiedName + "." + callable.getNameAsString(),
                        preamble + "// in " + qualifiedName + "\n" + body, withComment(callable).begin.line));
            } else if (member instanceof TypeDeclaration<?> nested) {
                collectMethods(nested, qualifiedName + "." + nested.getNameAsString(), lines, preamble, out);
            }
        }
    }

    /** The node's range widened to start at its Javadoc or leading comment. */
    private static Range withComment(Node n) {
        Position end = n.getEnd().orElse(new Position(1, 1));
        Position begin = n.getComment().flatMap(Node::getBegin).or(n::getBegin).orElse(new Position(1, 1));
        return new Range(begin, end);
    }

    private static Range range(Node n) {
        return new Range(n.getBegin().orElse(new Position(1, 1)), n.getEnd().orElse(new Position(1, 1)));
    }

    /** The original source text of a range, not a pretty-printed copy. */
    private static String source(String[] lines, Range r) {
        int from = r.begin.line;
        int to = r.end.line;
        StringBuilder sb = new StringBuilder();
        for (int l = from; l <= to && l - 1 < lines.length; l++) {
            String line = lines[l - 1];
            int a = l == from ? Math.min(Math.max(r.begin.column - 1, 0), line.length()) : 0;
            int b = l == to ? Math.min(r.end.column, line.length()) : line.length();
            // keep the indentation of the first line so the chunk reads naturally
            if (l == from && a > 0 && line.substring(0, a).isBlank()) {
                a = 0;
            }
            sb.append(line, a, Math.max(a, b));
            if (l < to) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
