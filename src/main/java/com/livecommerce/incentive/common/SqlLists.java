package com.livecommerce.incentive.common;

import java.util.Collection;
import java.util.Collections;

/** Parameters for {@code IN (...)} lists: the placeholders, and the values after a leading one. */
public final class SqlLists {

	private SqlLists() {
	}

	/** "?, ?, ?" for {@code count} values. */
	public static String placeholders(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

	/** {@code first} followed by every value of {@code rest}, as statement parameters. */
	public static Object[] params(Object first, Collection<?> rest) {
		Object[] params = new Object[rest.size() + 1];
		params[0] = first;
		int i = 1;
		for (Object value : rest) {
			params[i++] = value;
		}
		return params;
	}

}
