package com.livecommerce.incentive.ingest;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops reading a file whose line runs on past {@code limit} characters without a line break:
 * the CSV parser holds a record in memory, and no record of ours comes near this, so such a file
 * is broken (or hostile) and fails with a message instead of filling the heap. A quoted value
 * with line breaks counts per physical line.
 */
final class LineLengthLimit extends FilterReader {

	/** Characters one physical line may have: far beyond any real record. */
	static final int DEFAULT_LIMIT = 16 * 1024 * 1024;

	private final int limit;

	private long sinceBreak;

	private long line = 1;

	private boolean afterCarriageReturn;

	LineLengthLimit(Reader in, int limit) {
		super(in);
		this.limit = limit;
	}

	@Override
	public int read() throws IOException {
		int c = super.read();
		if (c >= 0) {
			count(c);
		}
		return c;
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		for (int i = offset; i < offset + n; i++) {
			count(buffer[i]);
		}
		return n;
	}

	private void count(int c) throws IOException {
		if (c == '\n' || c == '\r') {
			if (c == '\r' || !this.afterCarriageReturn) {
				this.line++;
			}
			this.afterCarriageReturn = c == '\r';
			this.sinceBreak = 0;
			return;
		}
		this.afterCarriageReturn = false;
		if (++this.sinceBreak > this.limit) {
			throw new TooLong("line " + this.line + " is longer than " + this.limit
					+ " characters, the limit for one line; reading stopped there");
		}
	}

	/** The file has a line over the limit; the message names it. */
	static final class TooLong extends IOException {

		TooLong(String message) {
			super(message);
		}

	}

	@Override
	public long skip(long n) throws IOException {
		throw new IOException("skip is not supported");
	}

}
