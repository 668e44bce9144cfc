package com.livecommerce.incentive.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;

/**
 * A value kept per step execution, for a reader or listener that one step definition shares
 * between the parts of a partitioned step (each part runs the same step, at the same time, on a
 * thread of its own, as a step execution of its own). Without a step execution given, the one
 * Spring Batch registered on the calling thread counts (outside a step, as in a unit test, one
 * value for all).
 */
public final class PerStepExecution<T> {

	private static final long OUTSIDE_A_STEP = -1;

	private final Map<Long, T> values = new ConcurrentHashMap<>();

	public void set(T value) {
		this.values.put(current(), value);
	}

	public void set(StepExecution execution, T value) {
		this.values.put(execution.getId(), value);
	}

	/** The calling thread's value, or null. */
	public T get() {
		return this.values.get(current());
	}

	/** Removes and returns the calling thread's value, or null. */
	public T remove() {
		return this.values.remove(current());
	}

	public T remove(StepExecution execution) {
		return this.values.remove(execution.getId());
	}

	private static long current() {
		StepContext context = StepSynchronizationManager.getContext();
		return context == null ? OUTSIDE_A_STEP : context.getStepExecution().getId();
	}

}
