#!/usr/bin/env bash
# The suite under load: `make test` RUNS times in a row (default 5) in a fresh clone of this
# checkout's HEAD, while a second fresh clone runs `make test` over and over beside it, so every
# test meets a machine whose cores are all busy. One line per run goes to the log (default
# /tmp/unknot-loaded/log); each run's output is kept beside it. Exits 0 when every run passed.
#
#   tools/loaded_runs.sh [RUNS]
set -uo pipefail
RUNS=${1:-5}
SOURCE=$(cd "$(dirname "$0")/.." && pwd)
WORK=${UNKNOT_LOADED_DIR:-/tmp/unknot-loaded}
LOG=$WORK/log
rm -rf "$WORK"
mkdir -p "$WORK"
git clone -q "$SOURCE" "$WORK/runs"
git clone -q "$SOURCE" "$WORK/beside"
# Both clones find the shared tools where the checkout does.
[ -e "$SOURCE/../shared" ] && ln -sfn "$(cd "$SOURCE/../shared" && pwd)" "$WORK/shared"
echo "commit $(git -C "$WORK/runs" log --oneline -1)" >"$LOG"

summary() { grep -E '[0-9]+ (passed|failed)' "$1" | tail -1; }

(
    cd "$WORK/beside" || exit 1
    n=0
    while [ ! -e "$WORK/done" ]; do
        n=$((n + 1))
        start=$(date +%s)
        make test >"$WORK/beside.$n.out" 2>&1
        echo "beside $n: status $? in $(($(date +%s) - start)) s; $(summary "$WORK/beside.$n.out")" >>"$LOG"
    done
) &
beside=$!

failed=0
for n in $(seq "$RUNS"); do
    start=$(date +%s)
    (cd "$WORK/runs" && make test >"$WORK/run.$n.out" 2>&1)
    status=$?
    [ "$status" -eq 0 ] || failed=1
    echo "run $n: status $status in $(($(date +%s) - start)) s; $(summary "$WORK/run.$n.out")" >>"$LOG"
done
touch "$WORK/done"
wait "$beside"
cat "$LOG"
exit "$failed"
