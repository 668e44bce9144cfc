package com.livecommerce.incentive.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
		try {
			if (rejected == 0) {
				Files.deleteIfExists(target);
				return;
			}
			Files.createDirectories(rejectsDir);
			Path temp = rejectsDir.resolve("." + file.fileName() + ".tmp");
			try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
					CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
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
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + target, ex);
		}
	}

	static String neutralise(String cell) {
		if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
			return "'" + cell;
		}
		return cell;
	}

}
