package io.cerebro.rag.chunk;

import io.cerebro.rag.corpus.CorpusScanner;
import io.cerebro.rag.corpus.ExampleMetadata;
import io.cerebro.rag.corpus.MetadataHeader;
import io.cerebro.rag.corpus.Skipped;
import io.cerebro.rag.corpus.SourceFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads one candidate file: rejects binary, huge or non-UTF-8 files, reads the metadata header,
 * and chunks the text with the chunker for its extension. Every rejection is a {@link Skipped}
 * with a reason, never an exception.
 */
public final class ExampleLoader {
    /** Largest source file read, in bytes. */
    public static final long MAX_SOURCE_BYTES = 1L << 20;
    /** Largest notebook read, in bytes (notebooks carry outputs, which are ignored). */
    public static final long MAX_NOTEBOOK_BYTES = 16L << 20;

    /** Either a loaded example or the reason it was skipped. */
    public sealed interface Outcome permits Loaded, Rejected {
    }

    /** @param example the loaded file */
    public record Loaded(LoadedExample example) implements Outcome {
    }

    /** @param skipped why the file was left out */
    public record Rejected(Skipped skipped) implements Outcome {
    }

    private ExampleLoader() {
    }

    /** The SHA-256 of some bytes, as lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the raw bytes and their hash; used to decide reuse before chunking. */
    public static byte[] readBytes(SourceFile f) throws IOException {
        return Files.readAllBytes(f.file());
    }

    /** Loads a file whose bytes were already read. */
    public static Outcome load(SourceFile f, byte[] bytes) {
        String ext = CorpusScanner.extension(f.relativePath());
        long limit = ext.equals("ipynb") ? MAX_NOTEBOOK_BYTES : MAX_SOURCE_BYTES;
        if (bytes.length > limit) {
            return reject(f, "file too large", bytes.length / 1024 + " KiB > " + limit / 1024 + " KiB");
        }
        int probe = Math.min(bytes.length, 8192);
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == 0) {
                return reject(f, "binary file", "contains NUL bytes");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return reject(f, "not UTF-8 text", "");
        }
        if (text.isBlank()) {
            return reject(f, "empty file", "");
        }
        Chunker chunker = switch (ext) {
            case "java" -> new JavaChunker();
            case "py" -> new PythonChunker();
            case "md", "markdown" -> new MarkdownChunker();
            case "ipynb" -> new NotebookChunker();
            case "r" -> new RChunker();
            case "rmd" -> new RMarkdownChunker("rmarkdown");
            case "qmd" -> new RMarkdownChunker("quarto");
            case "sql" -> new SqlChunker();
            default -> null;
        };
        if (chunker == null) {
            return reject(f, "unsupported file type", "." + ext);
        }
        String fileName = f.relativePath().substring(f.relativePath().lastIndexOf('/') + 1);
        Chunked chunked;
        String headerText = text;
        // R Markdown and Quarto keep the header in their YAML front matter, like Markdown
        String headerLanguage = chunker instanceof RMarkdownChunker ? "markdown" : chunker.language();
        String language = chunker.language();
        try {
            chunked = chunker.chunk(text, fileName);
            if (chunker instanceof NotebookChunker) {
                headerText = NotebookChunker.headerText(text);
                headerLanguage = "markdown";
                language = NotebookChunker.kernelLanguage(text);
            }
        } catch (UnparsableException e) {
            return reject(f, "unparsable " + describe(ext), e.getMessage());
        } catch (RuntimeException e) {
            return reject(f, "unparsable " + describe(ext), String.valueOf(e.getMessage()));
        }
        if (chunked.chunks().isEmpty()) {
            return reject(f, "empty file", "no content after the header");
        }
        ExampleMetadata meta;
        try {
            meta = MetadataHeader.read(headerText, headerLanguage, language, f.relativePath(), chunked.derivedTitle());
        } catch (MetadataHeader.InvalidHeaderException e) {
            return reject(f, "invalid metadata header", e.getMessage());
        }
        if (!meta.hasHeader() && f.bundled()) {
            return reject(f, "missing metadata header", "every example of the bundled corpus starts with a header");
        }
        if (!meta.hasHeader() && !language.equals(meta.language())) {
            meta = new ExampleMetadata(meta.id(), meta.title(), meta.family(), meta.methods(), language,
                    meta.libraries(), meta.description(), false);
        }
        return new Loaded(new LoadedExample(f, sha256(bytes), meta, chunked.chunks()));
    }

    private static String describe(String ext) {
        return switch (ext) {
            case "java" -> "Java";
            case "py" -> "Python";
            case "ipynb" -> "notebook";
            case "r" -> "R";
            case "rmd" -> "R Markdown";
            case "qmd" -> "Quarto";
            case "sql" -> "SQL";
            default -> "Markdown";
        };
    }

    private static Outcome reject(SourceFile f, String reason, String detail) {
        return new Rejected(new Skipped(f.displayPath(), reason, detail == null ? "" : detail));
    }
}
