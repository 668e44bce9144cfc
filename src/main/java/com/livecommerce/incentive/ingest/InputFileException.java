package com.livecommerce.incentive.ingest;

import java.nio.file.Path;

/**
 * A whole extract is unusable (wrong header, not UTF-8, unreadable, too many bad rows): the run
 * fails before any pool or grant changes, and the message names the file and the problem.
 */
public class InputFileException extends RuntimeException {

	public InputFileException(Path file, String problem) {
		super(file + ": " + problem);
	}

	public InputFileException(Path file, String problem, Throwable cause) {
		super(file + ": " + problem, cause);
	}

}
