package com.livecommerce.incentive.ledger;

import com.livecommerce.incentive.common.ExpectedFailure;
import java.util.List;

/** The ledger broke an invariant of SPEC §6: the run fails and the message names the rows. */
public class LedgerInvariantException extends RuntimeException implements ExpectedFailure {

	public LedgerInvariantException(String scope, List<String> violations) {
		super("ledger invariants broken in " + scope + " (" + violations.size() + " findings):\n  - "
				+ String.join("\n  - ", violations));
	}

}
