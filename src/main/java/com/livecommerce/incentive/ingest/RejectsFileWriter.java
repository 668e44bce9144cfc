package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.common.AtomicFiles;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes {@code <out>/<D>/rejects/<file>.csv} from rejected_input: line_number, reason,
 * raw_line, ordered by line. Written to a temporary file and moved into place, so a reader
 * never sees half a file and a rerun replaces it whole. Cells that a spreadsheet would take
 * for a formula (starting with = + - @ or a tab) are prefixed with an apostrophe.
 */
class RejectsFileWriter {

	private final JdbcTemplate streamingJdbc;

	RejectsFileWriter(JdbcTemplate jdbc) {
		this.streamingJdbc = new JdbcTemplate(jdbc.getDataSource());
		this.streamingJdbc.setFetchSize(Integer.MIN_VALUE); // MySQL Connector/J: stream rows
	}

	/** Writes the file if the day has rejects for it, removes a stale one otherwise. */
	void write(LocalDate businessDate, InputFile file, long rejected, Path rejectsDir) {
		Path target = rejectsDir.resolve(file.fileName());
		if (rejected == 0) {
			try {
				Files.deleteIfExists(target);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot remove " + target, ex);
			}
			return;
		}
		AtomicFiles.write(target, "the rejects file", out -> {
			try (CSVPrinter printer = new CSVPrinter(
					new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), CSVFormat.RFC4180)) {
				printer.printRecord("line_number", "reason", "raw_line");
				this.streamingJdbc.query("""
						SELECT line_number, reason, raw_line FROM rejected_input
						WHERE business_date = ? AND file_name = ? ORDER BY line_number""", rs -> {
					try {
						printer.printRecord(rs.getLong(1), neutralise(rs.getString(2)), neutralise(rs.getString(3)));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}, businessDate, file.fileName());
			}
		});
	}

	static String neutralise(String cell) {
		if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
			return "'" + cell;
		}
		return cell;
	}

}
