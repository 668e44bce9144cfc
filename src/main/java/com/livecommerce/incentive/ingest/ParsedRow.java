package com.livecommerce.incentive.ingest;

/** A record after row checks: a typed row to stage, or a rejected one with its reason. */
sealed interface ParsedRow<T> {

	long lineNumber();

	/** Keeps its source record for the checks of the writer that may still reject it. */
	record Good<T>(long lineNumber, T row, CsvRow source) implements ParsedRow<T> {
	}

	record Bad<T>(long lineNumber, String reason, String raw) implements ParsedRow<T> {
	}

}
