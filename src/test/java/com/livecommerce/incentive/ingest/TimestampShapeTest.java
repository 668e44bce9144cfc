package com.livecommerce.incentive.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The timestamps' quick reading ({@link CsvRow#commonShape}) accepts exactly what the ISO-8601
 * formatter accepts, with the same instant, and leaves everything else to it.
 */
class TimestampShapeTest {

	@Test
	void readsTheCommonShapeAsTheFormatterDoes() {
		List<String> values = new ArrayList<>(List.of("2023-12-01T20:00:00+08:00", "2023-12-01T20:00:00-05:30",
				"2023-12-01T20:00:00+00:00", "2023-12-01T20:00:00-00:00", "0000-01-01T00:00:00+18:00",
				"9999-12-31T23:59:59-18:00", "2024-02-29T12:00:00+08:00"));
		Random random = new Random(20231201);
		for (int i = 0; i < 20_000; i++) {
			values.add(String.format("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", random.nextInt(10_000),
					1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60),
					random.nextInt(60), random.nextBoolean() ? '+' : '-', random.nextInt(19), random.nextInt(60)));
		}
		for (String value : values) {
			OffsetDateTime expected = formatter(value);
			assertThat(CsvRow.commonShape(value)).as(value).isEqualTo(expected);
		}
	}

	@Test
	void leavesEveryOtherTextToTheFormatter() {
		List<String> others = List.of("2023-02-30T20:00:00+08:00", "2023-13-01T20:00:00+08:00",
				"2023-12-01T24:00:00+08:00", "2023-12-01T23:60:00+08:00", "2023-12-01T23:59:60+08:00",
				"2023-12-01T20:00:00+18:30", "2023-12-01T20:00:00+19:00", "2023-12-01T20:00:00+08:60",
				"2023-12-01 20:00:00+08:00", "2023-12-01T20:00:00*08:00", "2023-12-01T20:00:0x+08:00",
				"２０23-12-01T20:00:00+08:00", "2023-12-01T20:00:00+0800", "2023-12-01T20:00:00Z",
				"2023-12-01T20:00+08:00", "2023-12-01T20:00:00.5+08:00", "+2023-12-01T20:00:00+08:00",
				"2023-12-01T20:00:00+08:00:00", "");
		for (String value : others) {
			assertThat(CsvRow.commonShape(value)).as(value).isNull();
		}
		assertThat(timestamp("2023-12-01T20:00:00+08:00")).isEqualTo(LocalDateTime.of(2023, 12, 1, 20, 0));
		assertThat(timestamp("2023-12-01T12:00:00Z")).as("the formatter still reads the other shapes")
			.isEqualTo(LocalDateTime.of(2023, 12, 1, 20, 0));
		assertThat(timestamp("2023-12-01T20:00:00.5+08:00")).isEqualTo(LocalDateTime.of(2023, 12, 1, 20, 0, 0, 500_000_000));
		assertThatThrownBy(() -> timestamp("2023-02-30T20:00:00+08:00")).as("and refuses impossible fields as before")
			.isInstanceOf(BadRowException.class)
			.hasMessage("started_at '2023-02-30T20:00:00+08:00' is not an ISO-8601 timestamp with offset"
					+ " (e.g. 2023-12-01T20:00:00+08:00)");
	}

	/** A row's timestamp as ingest reads it: the quick reading first, the formatter otherwise. */
	private static LocalDateTime timestamp(String value) {
		return new CsvRow(2, Map.of("started_at", 0), List.of(value)).timestamp("started_at");
	}

	private static OffsetDateTime formatter(String value) {
		try {
			return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
