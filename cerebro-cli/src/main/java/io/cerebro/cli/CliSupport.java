package io.cerebro.cli;

import io.cerebro.core.error.UserInputException;
import picocli.CommandLine;

import java.io.PrintWriter;

/** Shared command-line plumbing: exit codes and the one-line error messages. */
public final class CliSupport {
    /** Success. */
    public static final int OK = 0;
    /** The analysis ran but a validation verdict or check failed. */
    public static final int FAILED = 1;
    /** The user's input was wrong: a path, a column, a flag, a spec. */
    public static final int BAD_INPUT = 2;
    /** An unexpected internal error. */
    public static final int INTERNAL = 3;

    private CliSupport() {
    }

    /** Configures a command line with Cerebro's error handling. */
    public static CommandLine newCommandLine(Object command) {
        return configure(new CommandLine(command));
    }

    /** Applies Cerebro's settings and error handling to a command line and every subcommand it has now. */
    public static CommandLine configure(CommandLine cl) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            Throwable t = ex;
            while (t != null && !(t instanceof UserInputException) && t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            if (t instanceof UserInputException u) {
                err.println("cerebro: " + u.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            err.println("cerebro: internal error: " + ex + " (please report it with the command you ran;"
                    + " set CEREBRO_DEBUG=1 for the stack trace)");
            if (System.getenv("CEREBRO_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            err.println("cerebro: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return BAD_INPUT;
        });
        return cl;
    }
}
