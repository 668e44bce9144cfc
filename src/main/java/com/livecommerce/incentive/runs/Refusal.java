package com.livecommerce.incentive.runs;

/** Why a run is not started: the exit code the command ends with and the line the operator reads. */
public record Refusal(ExitCode code, String message) {

	public static Refusal usage(String message) {
		return new Refusal(ExitCode.USAGE, message);
	}

	public static Refusal outOfOrder(String message) {
		return new Refusal(ExitCode.OUT_OF_ORDER, message);
	}

}
