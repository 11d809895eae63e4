package io.cerebro.rag.chunk;

/** Splits one file's text into retrievable chunks. */
public interface Chunker {
    /**
     * @param text     the file's text, metadata header included
     * @param fileName the file's name, used for the derived title
     * @throws UnparsableException when the text is not valid for this file type
     */
    Chunked chunk(String text, String fileName) throws UnparsableException;

    /** The language recorded for files of this type when the header does not name one. */
    String language();
}
