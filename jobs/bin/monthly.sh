#!/usr/bin/env bash
# Cron wrapper for the monthly job. Arguments go to the command (e.g. --out, --month);
# without --month it closes last month (Asia/Shanghai). Exit codes and settings: see run-job.sh.
exec "$(dirname "$0")/run-job.sh" monthly "$@"
