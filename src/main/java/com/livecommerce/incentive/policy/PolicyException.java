package com.livecommerce.incentive.policy;

import com.livecommerce.incentive.common.ExpectedFailure;

/** The policy directory cannot be used: the message names the file and the problem. */
public class PolicyException extends RuntimeException implements ExpectedFailure {

	public PolicyException(String message) {
		super(message);
	}

}
