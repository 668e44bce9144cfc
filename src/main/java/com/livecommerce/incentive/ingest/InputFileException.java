package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.common.ExpectedFailure;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A whole extract is unusable (wrong header, not UTF-8, unreadable, too many bad rows): the run
 * fails before any pool or grant changes, and the message names the file and the problem.
 */
public class InputFileException extends RuntimeException implements ExpectedFailure {

	public InputFileException(Path file, String problem) {
		super(file + ": " + problem);
	}

	public InputFileException(Path file, String problem, Throwable cause) {
		super(file + ": " + problem, cause);
	}

	/**
	 * The file could not be opened or read; the message says why (the JDK's own exceptions for
	 * permissions name only the path).
	 */
	public static InputFileException unreadable(Path file, IOException ex) {
		return new InputFileException(file, "cannot be read: " + reason(ex), ex);
	}

	static String reason(IOException ex) {
		if (ex instanceof AccessDeniedException) {
			return "permission denied (the user running the job needs read permission on the file and its directory)";
		}
		if (ex instanceof NoSuchFileException) {
			return "it is gone (moved or deleted while the run was reading the inbox)";
		}
		if (ex instanceof FileSystemException fs && fs.getReason() != null) {
			return fs.getReason();
		}
		return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
	}

}
