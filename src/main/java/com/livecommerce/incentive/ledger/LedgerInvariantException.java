package com.livecommerce.incentive.ledger;

import java.util.List;

/** The ledger broke an invariant of SPEC §6: the run fails and the message names the rows. */
public class LedgerInvariantException extends RuntimeException {

	public LedgerInvariantException(String scope, List<String> violations) {
		super("ledger invariants broken in " + scope + " (" + violations.size() + " findings):\n  - "
				+ String.join("\n  - ", violations));
	}

}
