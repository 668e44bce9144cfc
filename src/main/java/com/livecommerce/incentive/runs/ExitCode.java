package com.livecommerce.incentive.runs;

/** Exit codes of every command (SPEC §5); cron wrappers pass them through. */
public enum ExitCode {

	/** Completed; or the date was already complete (a no-op that says so). */
	OK(0),
	/** The run failed; the message says why and which command restarts it. */
	FAILED(1),
	/** Bad command line or bad policy. */
	USAGE(2),
	/** Input not ready: {@code _SUCCESS} or a required file missing. */
	INPUT_NOT_READY(3),
	/** Out of order: the previous business date (or the month's last day) has not completed. */
	OUT_OF_ORDER(4),
	/** Another run of the same job and date is running. */
	ALREADY_RUNNING(5);

	private final int code;

	ExitCode(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

	/** The exit code a process ended with; FAILED for any other status (a JVM killed, an uncaught error). */
	public static ExitCode of(int status) {
		for (ExitCode code : values()) {
			if (code.code == status) {
				return code;
			}
		}
		return FAILED;
	}

}
