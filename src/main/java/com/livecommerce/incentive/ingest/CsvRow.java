package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.common.BusinessTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;

/**
 * One data record of an extract, with typed accessors that turn every problem into a
 * {@link BadRowException} naming the column and the value. An empty cell is null (SPEC §3).
 */
public final class CsvRow {

	/** Ids and codes: at most this many characters (the columns are VARCHAR(64)). */
	static final int MAX_ID_LENGTH = 64;

	private final long lineNumber;

	private final Map<String, Integer> header;

	private final List<String> values;

	CsvRow(long lineNumber, Map<String, Integer> header, List<String> values) {
		this.lineNumber = lineNumber;
		this.header = header;
		this.values = values;
	}

	public long lineNumber() {
		return this.lineNumber;
	}

	public int size() {
		return this.values.size();
	}

	/** How much of a rejected record rejected_input and the rejects file keep. */
	static final int MAX_RAW_CHARS = 65_536;

	/**
	 * The record's fields written back as one RFC 4180 line, for rejected_input; a record longer
	 * than {@link #MAX_RAW_CHARS} is cut there, saying how long it was (the file has the rest).
	 */
	public String raw() {
		try {
			StringBuilder out = new StringBuilder();
			CSVFormat.RFC4180.printRecord(out, this.values.toArray());
			String line = out.toString().stripTrailing();
			if (line.length() <= MAX_RAW_CHARS) {
				return line;
			}
			int cut = Character.isHighSurrogate(line.charAt(MAX_RAW_CHARS - 1)) ? MAX_RAW_CHARS - 1 : MAX_RAW_CHARS;
			return line.substring(0, cut) + " [cut: " + line.length() + " characters in all]";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The cell as it is, or empty when the record is too short to have it (it is then rejected). */
	String cell(String column) {
		Integer index = this.header.get(column);
		return index != null && index < this.values.size() ? this.values.get(index) : "";
	}

	/** The cell, or null when empty. */
	public String optional(String column) {
		Integer index = this.header.get(column);
		if (index == null) {
			throw new IllegalArgumentException("no column " + column);
		}
		String value = this.values.get(index);
		return value.isEmpty() ? null : value;
	}

	public String required(String column) {
		String value = optional(column);
		if (value == null || value.isBlank()) {
			throw new BadRowException(column + " is missing");
		}
		return value;
	}

	public String id(String column) {
		return checkId(column, required(column), MAX_ID_LENGTH);
	}

	/** An id that may be longer than the usual 64 characters (grant ids carry a program prefix). */
	public String id(String column, int maxLength) {
		return checkId(column, required(column), maxLength);
	}

	public String optionalId(String column) {
		String value = optional(column);
		return value == null ? null : checkId(column, value, MAX_ID_LENGTH);
	}

	/**
	 * Free text (a brand name): any characters a name may hold, line breaks and tabs included, but
	 * no other control character and no bidirectional control, which could hide or reorder what a
	 * merchant reads in a message (SPEC §3; docs/reliability.md).
	 */
	public String text(String column, int maxLength) {
		String value = required(column);
		if (value.length() > maxLength) {
			throw new BadRowException(column + " is longer than " + maxLength + " characters");
		}
		value.codePoints().forEach(c -> {
			if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
				throw new BadRowException(column + " '" + shorten(value) + "' has a control character (" + codePoint(c) + ")");
			}
			if (isBidiControl(c)) {
				throw new BadRowException(column + " '" + shorten(value) + "' has a bidirectional control character ("
						+ codePoint(c) + ")");
			}
			if (Character.getType(c) == Character.SURROGATE) {
				throw new BadRowException(column + " '" + shorten(value) + "' has a lone surrogate (" + codePoint(c) + ")");
			}
		});
		return value;
	}

	/** The characters that change the direction text is shown in (Unicode bidi controls). */
	static boolean isBidiControl(int c) {
		return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
	}

	public String oneOf(String column, Set<String> allowed) {
		String value = required(column);
		if (!allowed.contains(value)) {
			throw new BadRowException(column + " '" + shorten(value) + "' is not one of " + allowed.stream().sorted().toList());
		}
		return value;
	}

	public boolean bool(String column) {
		String value = required(column);
		return switch (value) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new BadRowException(column + " '" + shorten(value) + "' is not true or false");
		};
	}

	/**
	 * The largest amount a row may carry: money in fen (10^13 fen is 100 billion yuan, far above
	 * any session), watch minutes, impressions. With it no sum the jobs form can overflow.
	 */
	public static final long MAX_AMOUNT = 10_000_000_000_000L;

	/** The largest count a row may carry (orders, viewers, followers, complaints, coupons). */
	public static final long MAX_COUNT = 1_000_000_000L;

	/** A non-negative whole amount: money (fen), minutes, impressions; at most {@link #MAX_AMOUNT}. */
	public long amount(String column) {
		return wholeNumber(column, MAX_AMOUNT);
	}

	/** A non-negative whole count, at most {@link #MAX_COUNT}. */
	public int count(String column) {
		return (int) wholeNumber(column, MAX_COUNT);
	}

	/** ASCII digits only: no sign, no spaces, no other script's digits, no exponent. */
	private long wholeNumber(String column, long max) {
		String value = required(column);
		if (value.startsWith("-") && isAsciiDigits(value.substring(1))) {
			throw new BadRowException(column + " is negative: " + value);
		}
		if (!isAsciiDigits(value)) {
			throw new BadRowException(column + " '" + shorten(value) + "' is not a whole number (ASCII digits 0-9 only)");
		}
		if (value.length() > 19) {
			throw new BadRowException(column + " " + shorten(value) + " is above the limit of " + max);
		}
		long parsed;
		try {
			parsed = Long.parseLong(value);
		}
		catch (NumberFormatException ex) { // 19 digits above Long.MAX_VALUE
			throw new BadRowException(column + " " + shorten(value) + " is above the limit of " + max);
		}
		if (parsed > max) {
			throw new BadRowException(column + " " + parsed + " is above the limit of " + max);
		}
		return parsed;
	}

	private static boolean isAsciiDigits(String value) {
		return !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
	}

	private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

	/** An exact decimal between 0 and 1 inclusive. */
	public BigDecimal fraction(String column) {
		String value = required(column);
		if (!DECIMAL.matcher(value).matches()) {
			throw new BadRowException(column + " '" + shorten(value) + "' is not a decimal number (like 0.25, ASCII digits)");
		}
		BigDecimal parsed;
		try {
			parsed = new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			throw new BadRowException(column + " '" + shorten(value) + "' is not a decimal number");
		}
		if (parsed.signum() < 0 || parsed.compareTo(BigDecimal.ONE) > 0) {
			throw new BadRowException(column + " " + value + " is not between 0 and 1");
		}
		if (parsed.stripTrailingZeros().scale() > 18) {
			throw new BadRowException(column + " " + shorten(value) + " has more than 18 decimal places");
		}
		return parsed;
	}

	public LocalDate date(String column) {
		return checkDate(column, parseDate(column, required(column)));
	}

	public LocalDate optionalDate(String column) {
		String value = optional(column);
		return value == null ? null : checkDate(column, parseDate(column, value));
	}

	/** An ISO-8601 timestamp with offset, converted to Asia/Shanghai local time. */
	public LocalDateTime timestamp(String column) {
		return parseTimestamp(column, required(column));
	}

	public LocalDateTime optionalTimestamp(String column) {
		String value = optional(column);
		return value == null ? null : parseTimestamp(column, value);
	}

	private LocalDateTime parseTimestamp(String column, String value) {
		OffsetDateTime parsed = commonShape(value);
		if (parsed == null) {
			try {
				parsed = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
			}
			catch (DateTimeParseException ex) {
				throw new BadRowException(column + " '" + shorten(value)
						+ "' is not an ISO-8601 timestamp with offset (e.g. 2023-12-01T20:00:00+08:00)");
			}
		}
		if (parsed.getNano() % 1000 != 0) {
			throw new BadRowException(column + " '" + value + "' is more precise than microseconds");
		}
		LocalDateTime local = BusinessTime.toBusinessTime(parsed);
		checkDate(column, local.toLocalDate());
		return local;
	}

	/**
	 * The shape nearly every timestamp of an extract has, {@code yyyy-MM-ddTHH:mm:ss±HH:MM}, read
	 * without the general formatter (a third of the Java time of ingesting the sessions went into
	 * it); null for any other text, and for impossible fields (February 30th, hour 24), which are
	 * left to the formatter, so a value is accepted or refused, and its message worded, exactly as
	 * before.
	 */
	static OffsetDateTime commonShape(String value) {
		if (value.length() != 25 || value.charAt(4) != '-' || value.charAt(7) != '-' || value.charAt(10) != 'T'
				|| value.charAt(13) != ':' || value.charAt(16) != ':' || value.charAt(22) != ':') {
			return null;
		}
		char sign = value.charAt(19);
		int year = digits(value, 0, 4);
		int month = digits(value, 5, 7);
		int day = digits(value, 8, 10);
		int hour = digits(value, 11, 13);
		int minute = digits(value, 14, 16);
		int second = digits(value, 17, 19);
		int offsetHours = digits(value, 20, 22);
		int offsetMinutes = digits(value, 23, 25);
		if ((sign != '+' && sign != '-') || year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0
				|| offsetHours < 0 || offsetMinutes < 0) {
			return null;
		}
		try {
			int direction = sign == '+' ? 1 : -1;
			return OffsetDateTime.of(year, month, day, hour, minute, second, 0,
					ZoneOffset.ofHoursMinutes(direction * offsetHours, direction * offsetMinutes));
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** The ASCII digits from {@code from} to {@code to} as a number, or -1 if any is not one. */
	private static int digits(String value, int from, int to) {
		int n = 0;
		for (int i = from; i < to; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			n = n * 10 + (c - '0');
		}
		return n;
	}

	private static LocalDate parseDate(String column, String value) {
		try {
			return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
		}
		catch (DateTimeParseException ex) {
			throw new BadRowException(column + " '" + shorten(value) + "' is not a date (yyyy-MM-dd)");
		}
	}

	private static LocalDate checkDate(String column, LocalDate date) {
		if (date.isBefore(BusinessTime.EARLIEST_DATE) || date.isAfter(BusinessTime.LATEST_DATE)) {
			throw new BadRowException(column + " " + date + " is outside " + BusinessTime.EARLIEST_DATE + " to "
					+ BusinessTime.LATEST_DATE);
		}
		return date;
	}

	/**
	 * Ids and codes: no surrounding spaces, and no control, formatting (bidi, zero-width),
	 * separator or lone surrogate character anywhere: two ids that look the same are the same.
	 */
	private static String checkId(String column, String value, int maxLength) {
		if (value.length() > maxLength) {
			throw new BadRowException(column + " is longer than " + maxLength + " characters");
		}
		value.codePoints().filter(CsvRow::isHiddenInId).findFirst().ifPresent(c -> {
			throw new BadRowException(column + " '" + shorten(value) + "' has a control or formatting character ("
					+ codePoint(c) + ")");
		});
		if (!value.strip().equals(value)) {
			throw new BadRowException(column + " '" + shorten(value) + "' has surrounding spaces");
		}
		return value;
	}

	private static boolean isHiddenInId(int c) {
		int type = Character.getType(c);
		return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
				|| type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
	}

	private static String codePoint(int c) {
		return String.format("U+%04X", c);
	}

	/** Values quoted in reasons are cut short: a reason is read by people, the raw line keeps all. */
	static String shorten(String value) {
		String printable = value.codePoints()
			.map(c -> Character.isISOControl(c) || isBidiControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
	}

}
