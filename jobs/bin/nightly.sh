#!/usr/bin/env bash
# Cron wrapper for the nightly job. Arguments go to the command (e.g. --inbox, --out, --date);
# without --date it runs yesterday (Asia/Shanghai). Exit codes and settings: see run-job.sh.
exec "$(dirname "$0")/run-job.sh" nightly "$@"
