package com.livecommerce.incentive.common;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttribute;

/** Transaction attributes the steps share (never changed after they are made). */
public final class Transactions {

	/** A step's transactions at READ COMMITTED: each statement reads the newest committed rows. */
	public static final TransactionAttribute READ_COMMITTED = readCommitted();

	private Transactions() {
	}

	private static TransactionAttribute readCommitted() {
		DefaultTransactionAttribute attribute = new DefaultTransactionAttribute();
		attribute.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		return attribute;
	}

}
