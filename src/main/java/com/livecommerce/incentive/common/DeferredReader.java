package com.livecommerce.incentive.common;

import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A reader whose delegate is built when the step opens it, from values known only then (the
 * business date of the job execution, the part of a partitioned step in its execution context).
 * Restart state is the delegate's. One instance may serve several step executions at once (the
 * parts of a partitioned step run the same step on threads of their own): each gets a delegate
 * of its own, kept by its step execution.
 */
public class DeferredReader<T> implements ItemStreamReader<T> {

	private final Function<ExecutionContext, ? extends ItemStreamReader<T>> factory;

	/** The open delegate of each step execution. */
	private final PerStepExecution<ItemStreamReader<T>> delegates = new PerStepExecution<>();

	public DeferredReader(Supplier<? extends ItemStreamReader<T>> factory) {
		this.factory = context -> factory.get();
	}

	/** @param factory builds the delegate from the step's execution context */
	public static <T> DeferredReader<T> fromContext(Function<ExecutionContext, ? extends ItemStreamReader<T>> factory) {
		return new DeferredReader<>(factory);
	}

	private DeferredReader(Function<ExecutionContext, ? extends ItemStreamReader<T>> factory) {
		this.factory = factory;
	}

	private ItemStreamReader<T> delegate() {
		ItemStreamReader<T> delegate = this.delegates.get();
		if (delegate == null) {
			throw new IllegalStateException("the reader is not open in this step execution");
		}
		return delegate;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		ItemStreamReader<T> delegate = this.factory.apply(executionContext);
		delegate.open(executionContext);
		this.delegates.set(delegate);
	}

	@Override
	public T read() throws Exception {
		return delegate().read();
	}

	@Override
	public void update(ExecutionContext executionContext) {
		delegate().update(executionContext);
	}

	@Override
	public void close() {
		ItemStreamReader<T> delegate = this.delegates.remove();
		if (delegate != null) {
			delegate.close();
		}
	}

}
