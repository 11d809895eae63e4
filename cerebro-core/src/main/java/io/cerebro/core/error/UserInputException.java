package io.cerebro.core.error;

/**
 * A problem the user caused and can fix: a missing file, an unknown column, a spec that does
 * not parse, a treatment that is not binary. The message is one line that names the problem
 * and the fix; the command line prints it without a stack trace and exits with code 2.
 */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
