package com.livecommerce.incentive.explain;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * {@code explain --json}: the {@link Explanation} with snake_case keys in the order its records
 * declare them, nulls kept (a tool can tell "none" from "not asked"), dates as yyyy-MM-dd and
 * times as ISO-8601 with the +08:00 offset (business times are Asia/Shanghai). The same data
 * always gives the same bytes.
 */
public final class ExplanationJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.enable(SerializationFeature.INDENT_OUTPUT)
		.addModule(new SimpleModule("shanghai-times").addSerializer(LocalDateTime.class, new ShanghaiTime()))
		.build();

	private ExplanationJson() {
	}

	public static String write(Explanation explanation) {
		return MAPPER.writeValueAsString(explanation);
	}

	private static final class ShanghaiTime extends ValueSerializer<LocalDateTime> {

		@Override
		public void serialize(LocalDateTime value, JsonGenerator gen, SerializationContext context) {
			gen.writeString(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(value) + "+08:00");
		}

	}

}
