package com.livecommerce.incentive.notification;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON for payloads and batch files: keys in the order they are put, the same bytes every run. */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** For JSON lines: a generator writes one object after another, a line break between them. */
	static final JsonFactory LINES = JsonFactory.builder().rootValueSeparator("\n").build();

	private Json() {
	}

	static String write(Object value) {
		return MAPPER.writeValueAsString(value);
	}

	static JsonNode read(String json) {
		return MAPPER.readTree(json);
	}

	/** An Asia/Shanghai local time as ISO-8601 with its offset. */
	static String time(LocalDateTime shanghai) {
		return shanghai == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(shanghai) + "+08:00";
	}

	/** An ordered map, for building payloads field by field. */
	static Map<String, Object> object() {
		return new LinkedHashMap<>();
	}

}
