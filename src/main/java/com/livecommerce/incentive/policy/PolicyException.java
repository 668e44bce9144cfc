package com.livecommerce.incentive.policy;

/** The policy directory cannot be used: the message names the file and the problem. */
public class PolicyException extends RuntimeException {

	public PolicyException(String message) {
		super(message);
	}

}
