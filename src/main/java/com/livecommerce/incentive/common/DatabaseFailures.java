package com.livecommerce.incentive.common;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Tells a lost database (server stopped, network gone, no answer within the socket timeout, no
 * connection within the pool's timeout) from every other failure, so the message can say so:
 * nothing is wrong with the input or the program, and the run resumes once the database is back.
 * A refused login is not one of these (its SQLException is an authorization error), whatever
 * Spring wraps it in.
 */
public final class DatabaseFailures {

	private DatabaseFailures() {
	}

	/** The innermost message of the connection failure in {@code failure}'s causes, if there is one. */
	public static Optional<String> unreachable(Throwable failure) {
		boolean lost = false;
		String innermost = null;
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
					|| t instanceof SQLRecoverableException || t instanceof ConnectException || t instanceof SocketTimeoutException
					|| t instanceof SocketException) {
				lost = true;
			}
			if (t.getMessage() != null) {
				innermost = firstLine(t.getMessage());
			}
		}
		return lost ? Optional.of(innermost == null ? failure.getClass().getName() : innermost) : Optional.empty();
	}

	/** The first line of the innermost message of {@code failure}'s causes: what the server said. */
	public static String rootMessage(Throwable failure) {
		String innermost = failure.getClass().getName();
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t.getMessage() != null) {
				innermost = firstLine(t.getMessage());
			}
		}
		return innermost;
	}

	private static String firstLine(String message) {
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

}
