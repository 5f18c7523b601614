#!/bin/sh
# One scheduled rebuild, run from the repository's root by deploy/drafter.cron
# or deploy/drafter-build.service: pull the content, build, then commit and
# push the version registry (content/.drafter-state/), so that the draft
# numbers outlive this machine's output/ (a cache: deleting it costs a rebuild).
#
# Exit code: drafter build's (0 nothing changed, 10 new versions cut, 2 a
# mistake in the content or templates); 1 when the pull or the push failed.
# Never run two at once: cron wraps it in flock, systemd never starts a
# oneshot unit that is still running.
set -u
git pull -q --ff-only || exit 1
.venv/bin/drafter build --no-wait --detailed-exit-code
code=$?
git add content/.drafter-state
if ! git diff --cached --quiet; then
    git commit -qm "drafter: draft numbers (scheduled build)" || exit 1
    git pull -q --rebase && git push -q || exit 1
fi
exit $code
