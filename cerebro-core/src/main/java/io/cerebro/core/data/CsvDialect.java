package io.cerebro.core.data;

import io.cerebro.core.error.UserInputException;

import java.util.List;

/**
 * How a delimited text file is written, where the user knows better than detection.
 *
 * @param delimiter        the field separator, or null to detect it (comma, semicolon, tab, pipe...)
 * @param decimalSeparator {@code '.'} or {@code ','}, or null to detect it: a semicolon- or
 *                         tab-separated file whose numbers look like {@code 3,5} or {@code 1.234,56}
 *                         (what spreadsheets write in most of Europe) is read with a decimal comma,
 *                         and a dot before three digits is then a thousands separator
 * @param missing          the cell texts that mean "no value", in every column (default: empty,
 *                         {@code NA} and {@code NaN}, as R and pandas read them)
 */
public record CsvDialect(Character delimiter, Character decimalSeparator, List<String> missing) {
    /** The missing-value markers used unless the user names others. */
    public static final List<String> DEFAULT_MISSING = List.of("", "NA", "NaN");

    /** Detect the delimiter and the decimal separator; the default missing markers. */
    public static final CsvDialect DETECT = new CsvDialect(null, null, DEFAULT_MISSING);

    public CsvDialect {
        missing = missing == null ? DEFAULT_MISSING : List.copyOf(missing);
        if (decimalSeparator != null && decimalSeparator != '.' && decimalSeparator != ',') {
            throw new UserInputException("the decimal separator must be '.' or ',', got '" + decimalSeparator + "'");
        }
        if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
            throw new UserInputException("the delimiter cannot be a quote or a line break, got " + printable(delimiter));
        }
        if (delimiter != null && delimiter.equals(decimalSeparator)) {
            throw new UserInputException("the delimiter and the decimal separator are both '" + delimiter
                    + "'; a file with decimal commas is separated by ';' (pass --delimiter ';')");
        }
    }

    /** @return this dialect with the given delimiter (null to detect). */
    public CsvDialect withDelimiter(Character d) {
        return new CsvDialect(d, decimalSeparator, missing);
    }

    /** @return this dialect with the given decimal separator (null to detect). */
    public CsvDialect withDecimalSeparator(Character d) {
        return new CsvDialect(delimiter, d, missing);
    }

    /** @return this dialect with other missing-value markers. */
    public CsvDialect withMissing(List<String> markers) {
        return new CsvDialect(delimiter, decimalSeparator, markers);
    }

    private static String printable(char c) {
        return c == '\n' ? "\\n" : c == '\r' ? "\\r" : "'" + c + "'";
    }
}
