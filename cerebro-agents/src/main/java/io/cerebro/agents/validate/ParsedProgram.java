package io.cerebro.agents.validate;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;

import java.util.List;
import java.util.Optional;

/**
 * A program that parsed: its source, syntax tree and the class holding {@code main}.
 *
 * @param source    the Java source
 * @param unit      its syntax tree (Unicode escapes already processed, as javac sees them)
 * @param className the top-level class with {@code public static void main(String[])}
 */
public record ParsedProgram(String source, CompilationUnit unit, String className) {

    /** Thrown when the source does not parse or has no runnable class. */
    public static final class ParseFailure extends Exception {
        private final List<String> problems;

        ParseFailure(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        /** @return one line per problem. */
        public List<String> problems() {
            return problems;
        }
    }

    /** Parses Java 21 source and finds its main class. */
    public static ParsedProgram parse(String source) throws ParseFailure {
        ParserConfiguration cfg = new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)
                .setPreprocessUnicodeEscapes(true);
        ParseResult<CompilationUnit> r = new JavaParser(cfg).parse(source);
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            throw new ParseFailure(r.getProblems().stream().limit(10).map(p -> {
                String where = p.getLocation().flatMap(l -> l.getBegin().getRange())
                        .map(rg -> "line " + rg.begin.line + ", column " + rg.begin.column + ": ").orElse("");
                return where + p.getMessage().lines().findFirst().orElse("");
            }).toList());
        }
        CompilationUnit cu = r.getResult().get();
        if (cu.getPackageDeclaration().isPresent()) {
            throw new ParseFailure(List.of("the program declares package " + cu.getPackageDeclaration().get().getNameAsString()
                    + "; pipelines live in the default package (remove the package line)"));
        }
        for (TypeDeclaration<?> t : cu.getTypes()) {
            Optional<MethodDeclaration> main = t.getMethodsByName("main").stream()
                    .filter(m -> m.hasModifier(Modifier.Keyword.STATIC) && m.getParameters().size() == 1
                            && m.getParameter(0).getType().asString().replace(" ", "").matches("String(\\[]|\\.\\.\\.)"))
                    .findFirst();
            if (main.isPresent()) {
                return new ParsedProgram(source, cu, t.getNameAsString());
            }
        }
        if (cu.getTypes().isEmpty()) {
            throw new ParseFailure(List.of("no class found: the program must declare a class with public static void main(String[] args)"));
        }
        throw new ParseFailure(List.of("no 'public static void main(String[] args)' method in any top-level class"));
    }
}
