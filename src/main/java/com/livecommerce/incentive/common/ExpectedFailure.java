package com.livecommerce.incentive.common;

/**
 * A failure about the input, the policy or the ledger, not the program: its message says
 * everything an operator needs (the file and line, the key, the rows), so it is reported without
 * a stack trace.
 */
public interface ExpectedFailure {

}
