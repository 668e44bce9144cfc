package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.common.HashPartitions;
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

	/**
	 * The parser of one part's rows, {@code part} of {@code parts}: null for another part's row.
	 * A row belongs to the part of its key as written in the file ({@link HashPartitions#partOf}),
	 * so every repetition of a key is in the same part, where the first one is known first.
	 */
	Function<CsvRow, ParsedRow<T>> forThePart(int part, int parts) {
		Function<CsvRow, ParsedRow<T>> parse = forTheRun();
		String key = this.extract.keyColumn();
		return row -> HashPartitions.partOf(row.cell(key), parts) == part ? parse.apply(row) : null;
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
