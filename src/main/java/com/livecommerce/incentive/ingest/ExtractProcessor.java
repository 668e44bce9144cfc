package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.runs.NightlyRun;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Parses one record with its extract's row checks; never throws for a bad row. */
class ExtractProcessor<T> implements ItemProcessor<CsvRow, ParsedRow<T>> {

	private final Extract<T> extract;

	private final NightlyRun run;

	ExtractProcessor(Extract<T> extract, NightlyRun run) {
		this.extract = extract;
		this.run = run;
	}

	@Override
	public ParsedRow<T> process(CsvRow row) {
		int expected = this.extract.file().columns().size();
		if (row.size() != expected) {
			return new ParsedRow.Bad<>(row.lineNumber(),
					"expected " + expected + " fields as in the header, found " + row.size(), row.raw());
		}
		try {
			Extract.IngestRules rules = new Extract.IngestRules(this.run.businessDate(), this.run.lateArrivalDays());
			return new ParsedRow.Good<>(row.lineNumber(), this.extract.parse(row, rules), row);
		}
		catch (BadRowException ex) {
			return new ParsedRow.Bad<>(row.lineNumber(), ex.getMessage(), row.raw());
		}
	}

}
