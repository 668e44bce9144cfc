package com.livecommerce.incentive.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Help texts for Spring Batch's own meters, which it registers without one: Prometheus's lint
 * ({@code promtool check metrics}, a textfile collector's users) asks every metric for its help.
 */
@Component
class BatchMeterDescriptions implements MeterFilter {

	private static final Map<String, String> TEXTS = Map.ofEntries(
			Map.entry("spring.batch.job", "Spring Batch: duration of job executions"),
			Map.entry("spring.batch.job.active", "Spring Batch: job executions running"),
			Map.entry("spring.batch.job.launch.count", "Spring Batch: job launches"),
			Map.entry("spring.batch.step", "Spring Batch: duration of step executions"),
			Map.entry("spring.batch.step.active", "Spring Batch: step executions running"),
			Map.entry("spring.batch.item.read", "Spring Batch: duration of item reads"),
			Map.entry("spring.batch.item.read.active", "Spring Batch: item reads running"),
			Map.entry("spring.batch.item.process", "Spring Batch: duration of item processing"),
			Map.entry("spring.batch.item.process.active", "Spring Batch: item processing running"),
			Map.entry("spring.batch.chunk.write", "Spring Batch: duration of chunk writes"),
			Map.entry("spring.batch.chunk.write.active", "Spring Batch: chunk writes running"));

	@Override
	public Meter.Id map(Meter.Id id) {
		if (id.getDescription() != null || !id.getName().startsWith("spring.batch.")) {
			return id;
		}
		String text = TEXTS.getOrDefault(id.getName(), "Spring Batch: " + id.getName());
		return new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
				text, id.getType());
	}

}
