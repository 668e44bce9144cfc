package com.livecommerce.incentive.runs;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Progress of a long chunk step, at a bounded rate (one line per interval at most): rows done and
 * rows per second, and where the total is known the percentage and the time left. One line at the
 * end with the step's total and rate.
 */
public class Progress implements ChunkListener<Object, Object>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(Progress.class);

	private static final Duration INTERVAL = Duration.ofSeconds(Long.getLong("incentive.progress.seconds", 10));

	private final String unit;

	private final LongSupplier total;

	private String step;

	private long started;

	private long lastLog;

	private long rows;

	private long expected;

	/**
	 * @param unit what a row is ("rows", "accounts", "claims", "messages")
	 * @param total how many there will be, or null when it is not known in advance
	 */
	public Progress(String unit, LongSupplier total) {
		this.unit = unit;
		this.total = total;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.step = stepExecution.getStepName();
		this.started = System.nanoTime();
		this.lastLog = this.started;
		this.rows = 0;
		this.expected = this.total == null ? -1 : this.total.getAsLong();
	}

	@Override
	public void afterChunk(Chunk<Object> chunk) {
		this.rows += chunk.size();
		long now = System.nanoTime();
		if (now - this.lastLog < INTERVAL.toNanos()) {
			return;
		}
		this.lastLog = now;
		double seconds = (now - this.started) / 1e9;
		long rate = seconds > 0 ? Math.round(this.rows / seconds) : 0;
		if (this.expected > 0) {
			long left = rate > 0 ? Math.max(0, (this.expected - this.rows) / rate) : -1;
			log.info("{}: {} of {} {} ({}%), {} {}/s, about {} s left", this.step, this.rows, this.expected, this.unit,
					this.rows * 100 / this.expected, rate, this.unit, left);
		}
		else {
			log.info("{}: {} {}, {} {}/s", this.step, this.rows, this.unit, rate, this.unit);
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		double seconds = (System.nanoTime() - this.started) / 1e9;
		if (this.rows > 0 && seconds >= 1) {
			log.info("{}: {} {} in {} s, {} {}/s", this.step, this.rows, this.unit, Math.round(seconds),
					Math.round(this.rows / seconds), this.unit);
		}
		return null;
	}

}
