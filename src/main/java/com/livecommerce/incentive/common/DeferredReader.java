package com.livecommerce.incentive.common;

import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A reader whose delegate is built when the step opens it, from values known only then (the
 * business date of the job execution). Restart state is the delegate's.
 */
public class DeferredReader<T> implements ItemStreamReader<T> {

	private final Supplier<? extends ItemStreamReader<T>> factory;

	private ItemStreamReader<T> delegate;

	public DeferredReader(Supplier<? extends ItemStreamReader<T>> factory) {
		this.factory = factory;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.delegate = this.factory.get();
		this.delegate.open(executionContext);
	}

	@Override
	public T read() throws Exception {
		return this.delegate.read();
	}

	@Override
	public void update(ExecutionContext executionContext) {
		this.delegate.update(executionContext);
	}

	@Override
	public void close() {
		if (this.delegate != null) {
			this.delegate.close();
			this.delegate = null;
		}
	}

}
