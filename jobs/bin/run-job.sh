#!/usr/bin/env bash
# What nightly.sh and monthly.sh do: run-job.sh <nightly|monthly|restart> [arguments of the command].
# The exit code is the job's, unchanged:
#   0 done (or already done)  1 failed  2 bad command line or policy  3 input not ready
#   4 out of order  5 already running
# Everything the job prints goes to $INCENTIVE_LOG_DIR/<job>.log. A run that does not exit 0 is never
# silent: what it printed goes to stderr too (cron mails it), and the command in INCENTIVE_ON_FAILURE,
# if set, runs with INCENTIVE_JOB, INCENTIVE_DATE (the date or month, empty when unknown),
# INCENTIVE_EXIT_CODE, INCENTIVE_RESTART (the command that resumes the run) and INCENTIVE_OUTPUT (a
# file with what the run printed) in its environment (docs/operations.md). A run that exits 0 prints
# nothing here.
# Settings come from the environment: INCENTIVE_HOME (where the jar is), INCENTIVE_JAR, JAVA,
# JAVA_OPTS, SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD, INCENTIVE_LOG_DIR, INCENTIVE_ON_FAILURE.
set -uo pipefail
job=$1
shift
home=${INCENTIVE_HOME:-$(cd "$(dirname "$0")/../.." && pwd)}
log_dir=${INCENTIVE_LOG_DIR:-$home/var/log}
mkdir -p "$log_dir" || exit 1
cd "$home" || exit 1
jar=${INCENTIVE_JAR:-$home/target/brand-incentive-batch.jar}
[[ -f $jar ]] || jar=$home/brand-incentive-batch.jar
output=$(mktemp "$log_dir/.$job.XXXXXX.out") || exit 1
# shellcheck disable=SC2086
"${JAVA:-java}" ${JAVA_OPTS:--Xmx1g} -jar "$jar" "$job" "$@" >"$output" 2>&1
code=$?
{
  echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) $job $* (exit $code)"
  cat "$output"
} >>"$log_dir/$job.log"
if ((code == 0)); then
  rm -f "$output"
  exit 0
fi

# The date or month the run was for: --date/--month as given, else the command's default
# (yesterday, last month, Asia/Shanghai).
run_date=
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case ${args[i]} in
    --date=* | --month=*) run_date=${args[i]#*=} ;;
    --date | --month) run_date=${args[i + 1]:-} ;;
  esac
done
if [[ -z $run_date && $job == nightly ]]; then
  run_date=$(TZ=Asia/Shanghai date -d yesterday +%Y-%m-%d)
elif [[ -z $run_date && $job == monthly ]]; then
  run_date=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-01) -1 day" +%Y-%m)
fi
case $job in
  nightly) restart="$home/jobs/bin/run-job.sh restart nightly --date $run_date" ;;
  monthly) restart="$home/jobs/bin/run-job.sh restart monthly --month $run_date" ;;
  *) restart="$home/jobs/bin/run-job.sh $job $*" ;;
esac

{
  echo "$job $* exit $code; resume with: $restart (log: $log_dir/$job.log)"
  cat "$output"
} >&2
if [[ -n ${INCENTIVE_ON_FAILURE:-} ]]; then
  INCENTIVE_JOB=$job INCENTIVE_DATE=$run_date INCENTIVE_EXIT_CODE=$code INCENTIVE_RESTART=$restart \
    INCENTIVE_OUTPUT=$output bash -c "$INCENTIVE_ON_FAILURE" >&2 ||
    echo "the on-failure hook (INCENTIVE_ON_FAILURE) exited $?" >&2
fi
rm -f "$output"
exit "$code"
