package com.livecommerce.incentive.common;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads and transforms items ahead, on a thread of its own, while the step writes the chunk
 * before: parsing a file's next chunk overlaps with the database's work on the last one. At most
 * {@code capacity} items wait; the order is the delegate's.
 *
 * <p>Restart state is the delegate's own key ({@code <name>.read.count}), but counts only the
 * items handed to the step, not those read ahead: a restart reopens the delegate exactly after
 * the last committed chunk. An exception of the delegate or the transform reaches the step when
 * it asks for the item that failed, after every item before it.
 *
 * @param <I> what the delegate reads
 * @param <O> what the step gets
 */
public class PrefetchingReader<I, O> implements ItemStreamReader<O> {

	/** What the queue carries: an item, the end, or a failure. */
	private record Next<O>(O item, RuntimeException failure, boolean end) {
	}

	private final AbstractItemCountingItemStreamItemReader<I> delegate;

	private final Supplier<Function<I, O>> transforms;

	private final String countKey;

	private final int capacity;

	private BlockingQueue<Next<O>> queue;

	private Thread worker;

	private int handedOut;

	private boolean finished;

	/**
	 * @param countKey the delegate's restart key, {@code <name>.read.count}
	 * @param transforms gives, when the step opens the reader (on the step's thread, where step-
	 * and job-scoped beans resolve), the transform that then runs on the read-ahead thread; it may
	 * return null to drop an item
	 */
	public PrefetchingReader(AbstractItemCountingItemStreamItemReader<I> delegate, String countKey,
			Supplier<Function<I, O>> transforms, int capacity) {
		this.delegate = delegate;
		this.countKey = countKey;
		this.transforms = transforms;
		this.capacity = capacity;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.delegate.open(executionContext);
		this.handedOut = executionContext.containsKey(this.countKey) ? executionContext.getInt(this.countKey) : 0;
		Function<I, O> transform = this.transforms.get();
		this.finished = false;
		this.queue = new ArrayBlockingQueue<>(this.capacity);
		BlockingQueue<Next<O>> q = this.queue;
		this.worker = new Thread(() -> {
			try {
				for (I item = this.delegate.read(); item != null; item = this.delegate.read()) {
					q.put(new Next<>(transform.apply(item), null, false));
				}
				q.put(new Next<>(null, null, true));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt(); // closed before the end
			}
			catch (Throwable ex) { // an Error too: the step hears of every end of this thread
				RuntimeException failure = ex instanceof RuntimeException r ? r
						: new ItemStreamException("reading ahead failed: " + ex, ex);
				try {
					q.put(new Next<>(null, failure, false));
				}
				catch (InterruptedException stop) {
					Thread.currentThread().interrupt();
				}
			}
		}, "read-ahead-" + this.countKey);
		this.worker.setDaemon(true);
		this.worker.start();
	}

	@Override
	public O read() throws InterruptedException {
		while (!this.finished) {
			Next<O> next = this.queue.poll(1, TimeUnit.SECONDS);
			if (next == null) {
				// a thread that died without a word (it could not even queue its failure) would
				// otherwise keep the step waiting for ever
				if (!this.worker.isAlive() && this.queue.isEmpty()) {
					this.finished = true;
					throw new ItemStreamException("reading ahead stopped before the end of the input");
				}
			}
			else if (next.end()) {
				this.finished = true;
			}
			else if (next.failure() != null) {
				this.finished = true;
				throw next.failure();
			}
			else {
				this.handedOut++;
				if (next.item() != null) {
					return next.item();
				}
			}
		}
		return null;
	}

	@Override
	public void update(ExecutionContext executionContext) {
		executionContext.putInt(this.countKey, this.handedOut);
	}

	@Override
	public void close() {
		if (this.worker != null) {
			this.worker.interrupt();
			try {
				this.worker.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.worker = null;
		}
		this.delegate.close();
	}

}
