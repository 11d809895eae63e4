package io.cerebro.rag.index;

import io.cerebro.core.error.UserInputException;

/** Another rebuild holds the index folder's lock. */
public final class IndexLockedException extends UserInputException {
    IndexLockedException(String message) {
        super(message);
    }
}
