package com.livecommerce.incentive.runs;

import com.livecommerce.incentive.common.PerStepExecution;
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
 * end with the step's total and rate. One listener may serve the parts of a partitioned step at
 * once: each step execution keeps its own count.
 */
public class Progress implements ChunkListener<Object, Object>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(Progress.class);

	private static final Duration INTERVAL = Duration.ofSeconds(Long.getLong("incentive.progress.seconds", 10));

	private final String unit;

	private final LongSupplier total;

	/** One step execution's progress. */
	private static final class State {

		final String step;

		final long started = System.nanoTime();

		long lastLog = this.started;

		long rows;

		final long expected;

		State(String step, long expected) {
			this.step = step;
			this.expected = expected;
		}

	}

	private final PerStepExecution<State> states = new PerStepExecution<>();

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
		this.states.set(stepExecution, new State(stepExecution.getStepName(),
				this.total == null ? -1 : this.total.getAsLong()));
	}

	@Override
	public void afterChunk(Chunk<Object> chunk) {
		State state = this.states.get();
		if (state == null) {
			return;
		}
		state.rows += chunk.size();
		long now = System.nanoTime();
		if (now - state.lastLog < INTERVAL.toNanos()) {
			return;
		}
		state.lastLog = now;
		double seconds = (now - state.started) / 1e9;
		long rate = seconds > 0 ? Math.round(state.rows / seconds) : 0;
		if (state.expected > 0) {
			long left = rate > 0 ? Math.max(0, (state.expected - state.rows) / rate) : -1;
			log.info("{}: {} of {} {} ({}%), {} {}/s, about {} s left", state.step, state.rows, state.expected,
					this.unit, state.rows * 100 / state.expected, rate, this.unit, left);
		}
		else {
			log.info("{}: {} {}, {} {}/s", state.step, state.rows, this.unit, rate, this.unit);
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		State state = this.states.remove(stepExecution);
		if (state == null) {
			return null;
		}
		double seconds = (System.nanoTime() - state.started) / 1e9;
		if (state.rows > 0 && seconds >= 1) {
			log.info("{}: {} {} in {} s, {} {}/s", state.step, state.rows, this.unit, Math.round(seconds),
					Math.round(state.rows / seconds), this.unit);
		}
		return null;
	}

}
