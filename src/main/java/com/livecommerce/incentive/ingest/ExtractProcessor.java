package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.runs.NightlyRun;
import java.util.function.Function;

/**
 * Parses one record with its extract's row checks; never throws for a bad row. {@link #forTheRun}
 * binds the run's rules once (the business date and the late-arrival days of the version in force),
 * on the step's thread: the parsing itself then runs anywhere, the read-ahead thread included.
 */
class ExtractProcessor<T> {

	private final Extract<T> extract;

	private final NightlyRun run;

	ExtractProcessor(Extract<T> extract, NightlyRun run) {
		this.extract = extract;
		this.run = run;
	}

	/** The parser of this run's rows (call on the step's thread: the run is job-scoped). */
	Function<CsvRow, ParsedRow<T>> forTheRun() {
		Extract.IngestRules rules = new Extract.IngestRules(this.run.businessDate(), this.run.lateArrivalDays());
		return row -> process(row, rules);
	}

	private ParsedRow<T> process(CsvRow row, Extract.IngestRules rules) {
		int expected = this.extract.file().columns().size();
		if (row.size() != expected) {
			return new ParsedRow.Bad<>(row.lineNumber(),
					"expected " + expected + " fields as in the header, found " + row.size(), row.raw());
		}
		try {
			return new ParsedRow.Good<>(row.lineNumber(), this.extract.parse(row, rules), row);
		}
		catch (BadRowException ex) {
			return new ParsedRow.Bad<>(row.lineNumber(), ex.getMessage(), row.raw());
		}
	}

}
