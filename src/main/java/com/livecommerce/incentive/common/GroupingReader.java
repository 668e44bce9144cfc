package com.livecommerce.incentive.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Streams rows ordered by a key and hands them out one group (all rows of one key) at a time:
 * one account's sessions, one session's claims. Nothing beyond one group is held in memory.
 * Restart state is the number of groups handed out; the query's order must be total, so that
 * skipping them on restart lands on the same group.
 *
 * @param <R> a row
 * @param <G> a group of rows
 */
public class GroupingReader<R, G> extends AbstractItemCountingItemStreamItemReader<G> {

	private final Supplier<JdbcCursorItemReader<R>> rowsFactory;

	private final Function<R, ?> key;

	private final Function<List<R>, G> group;

	private JdbcCursorItemReader<R> rows;

	private R next;

	/**
	 * @param rowsFactory builds the row cursor when the step opens the reader (null: no rows today);
	 * the cursor must not save state of its own
	 */
	public GroupingReader(String name, Supplier<JdbcCursorItemReader<R>> rowsFactory, Function<R, ?> key,
			Function<List<R>, G> group) {
		this.rowsFactory = rowsFactory;
		this.key = key;
		this.group = group;
		setName(name);
	}

	@Override
	protected void doOpen() throws Exception {
		this.rows = this.rowsFactory.get();
		if (this.rows != null) {
			this.rows.open(new ExecutionContext());
			this.next = this.rows.read();
		}
	}

	@Override
	protected G doRead() throws Exception {
		if (this.next == null) {
			return null;
		}
		Object groupKey = this.key.apply(this.next);
		List<R> members = new ArrayList<>();
		while (this.next != null && Objects.equals(this.key.apply(this.next), groupKey)) {
			members.add(this.next);
			this.next = this.rows.read();
		}
		return this.group.apply(members);
	}

	@Override
	protected void doClose() throws Exception {
		if (this.rows != null) {
			this.rows.close();
			this.rows = null;
		}
		this.next = null;
	}

}
