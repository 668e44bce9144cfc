package com.livecommerce.incentive.ingest;

/** One row cannot be used; it goes to rejected_input with this reason and the job goes on. */
public class BadRowException extends RuntimeException {

	public BadRowException(String reason) {
		super(reason, null, false, false);
	}

}
