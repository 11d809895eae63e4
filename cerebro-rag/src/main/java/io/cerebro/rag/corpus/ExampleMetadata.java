package io.cerebro.rag.corpus;

import java.util.List;

/**
 * What the corpus header says about one example file: its id, title, analysis family, the
 * catalogue method ids it demonstrates, its language, the libraries it uses, and a
 * plain-language description. Files without a header get derived values and empty family and
 * methods.
 *
 * @param id          unique example id (kebab-case in the bundled corpus, a relative path otherwise)
 * @param title       one-line title
 * @param family      analysis family ({@code ab}, {@code causal}, ...) or empty
 * @param methods     catalogue method ids such as {@code ab.welch}, possibly empty
 * @param language    {@code java}, {@code python}, {@code markdown} or {@code notebook}
 * @param libraries   libraries the example uses, possibly empty
 * @param description when to use the method, its assumptions and pitfalls, possibly empty
 * @param hasHeader   whether the values came from a metadata header rather than being derived
 */
public record ExampleMetadata(String id, String title, String family, List<String> methods, String language,
                              List<String> libraries, String description, boolean hasHeader) {
    public ExampleMetadata {
        methods = List.copyOf(methods);
        libraries = List.copyOf(libraries);
        family = family == null ? "" : family;
        description = description == null ? "" : description;
    }
}
