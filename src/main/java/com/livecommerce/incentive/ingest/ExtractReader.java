package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.runs.NightlyRun;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Streams one extract record by record (RFC 4180 via Commons CSV), strictly UTF-8: a byte that
 * is not UTF-8 fails the file, naming the line, and so does a line of more than 16 Mi characters
 * ({@link LineLengthLimit}). Checks the header before the first record.
 * Restartable: the record count is saved with every chunk and skipped on restart.
 */
public class ExtractReader extends AbstractItemCountingItemStreamItemReader<CsvRow> {

	/** Set in the step's context by {@link IngestFileTracker} when the file needs no reading. */
	static final String SKIP_KEY = "ingest.skip";

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

	private static final int BUFFER_BYTES = 1 << 20;

	private final InputFile inputFile;

	private final NightlyRun run;

	private boolean skip;

	private Path path;

	private CSVParser parser;

	private Iterator<CSVRecord> records;

	private Map<String, Integer> header;

	public ExtractReader(InputFile inputFile, NightlyRun run) {
		this.inputFile = inputFile;
		this.run = run;
		setName(inputFile.stepName());
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.skip = executionContext.containsKey(SKIP_KEY) && (Boolean) executionContext.get(SKIP_KEY);
		super.open(executionContext);
	}

	@Override
	protected void doOpen() throws Exception {
		if (this.skip) {
			return;
		}
		this.path = this.run.inboxDay().resolve(this.inputFile.fileName());
		try {
			this.parser = openParser(this.path);
		}
		catch (IOException ex) {
			throw InputFileException.unreadable(this.path, ex);
		}
		this.records = this.parser.iterator();
		this.header = readHeader(this.path, this.inputFile, this.records, this.parser);
	}

	@Override
	protected CsvRow doRead() {
		if (this.skip) {
			return null;
		}
		try {
			if (!this.records.hasNext()) {
				return null;
			}
			CSVRecord record = this.records.next();
			List<String> values = record.toList();
			// The parser counts the line breaks it consumed, the record's own terminator included;
			// the record started as many lines earlier as its quoted values hold line breaks.
			long startLine = this.parser.getCurrentLineNumber() - lineBreaks(values);
			return new CsvRow(startLine, this.header, values);
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			throw unreadable(this.path, this.parser.getCurrentLineNumber() + 1, ex);
		}
	}

	private static long lineBreaks(List<String> values) {
		long breaks = 0;
		for (String value : values) {
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
					breaks++;
				}
			}
		}
		return breaks;
	}

	@Override
	protected void doClose() throws Exception {
		if (this.parser != null) {
			this.parser.close();
			this.parser = null;
		}
	}

	/**
	 * Opens a file for strict UTF-8 reading; a byte-order mark is skipped. Shared with the
	 * header check that runs before any ingest step.
	 */
	static CSVParser openParser(Path path) throws IOException {
		PushbackInputStream in = new PushbackInputStream(
				new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES), 3);
		byte[] start = in.readNBytes(3);
		boolean bom = start.length == 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB
				&& (start[2] & 0xFF) == 0xBF;
		if (!bom && start.length > 0) {
			in.unread(start);
		}
		Reader reader = new LineLengthLimit(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)), LineLengthLimit.DEFAULT_LIMIT);
		return CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
	}

	/**
	 * Reads the header record: exactly the file's columns, in any order, each once. Returns the
	 * position of each column.
	 */
	static Map<String, Integer> readHeader(Path path, InputFile inputFile, Iterator<CSVRecord> records,
			CSVParser parser) {
		List<String> names;
		try {
			if (!records.hasNext()) {
				throw new InputFileException(path, "the file is empty: no header row");
			}
			names = records.next().toList();
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			throw unreadable(path, 1, ex);
		}
		for (int i = 0; i < names.size(); i++) {
			if (names.get(i).isBlank()) {
				throw new InputFileException(path, "wrong header: column " + (i + 1) + " of the header has no name"
						+ (i == names.size() - 1 ? " (a trailing comma?)" : "") + "; expected exactly "
						+ inputFile.columns() + " in any order");
			}
		}
		Map<String, Integer> positions = new HashMap<>();
		List<String> unknown = new ArrayList<>();
		List<String> repeated = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			if (!inputFile.columns().contains(name)) {
				unknown.add(CsvRow.shorten(name));
			}
			else if (positions.putIfAbsent(name, i) != null) {
				repeated.add(name);
			}
		}
		List<String> missing = inputFile.columns().stream().filter(c -> !positions.containsKey(c)).toList();
		if (!unknown.isEmpty() || !repeated.isEmpty() || !missing.isEmpty()) {
			StringBuilder problem = new StringBuilder("wrong header");
			if (!missing.isEmpty()) {
				problem.append("; missing columns ").append(missing);
			}
			if (!unknown.isEmpty()) {
				problem.append("; unknown columns ").append(unknown);
			}
			if (!repeated.isEmpty()) {
				problem.append("; repeated columns ").append(repeated);
			}
			problem.append("; expected exactly ").append(inputFile.columns()).append(" in any order");
			throw new InputFileException(path, problem.toString());
		}
		return Map.copyOf(positions);
	}

	private static InputFileException unreadable(Path path, long line, RuntimeException ex) {
		Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
		if (cause instanceof LineLengthLimit.TooLong) {
			return new InputFileException(path, cause.getMessage(), ex);
		}
		if (cause instanceof CharacterCodingException) {
			long badLine = Utf8.firstInvalidLine(path).orElse(line);
			return new InputFileException(path, "not valid UTF-8 on line " + badLine, ex);
		}
		String reason = cause instanceof IOException io ? InputFileException.reason(io) : cause.getMessage();
		return new InputFileException(path, "unreadable at or near line " + line + ": " + reason, ex);
	}

}
