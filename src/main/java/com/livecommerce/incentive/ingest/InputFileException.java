package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.common.ExpectedFailure;
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

}
