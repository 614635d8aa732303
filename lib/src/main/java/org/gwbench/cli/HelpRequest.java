package org.gwbench.cli;

/** {@code --help} on a subcommand: its usage goes to stdout and the exit code is 0. */
final class HelpRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HelpRequest(String usage) {
        super(usage, null, false, false);
    }
}
