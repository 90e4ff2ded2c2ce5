#!/usr/bin/env bash
# tools/stages.sh: the last line of tools/test.sh names every stage with its time, the one running
# when a command failed included and marked (it was left out: the line ended at the last stage
# that had succeeded, and CI's log did not say where the time went).
set -euo pipefail
run() { bash -c "set -e; source tools/stages.sh; trap 'stages_report essai \$?' EXIT; $1" 2>&1 || true; }
grep -qx "essai : un 0 s, deux 0 s (échec) ; [0-9]* s en tout" <<< "$(run 'stage un; true; stage deux; false; stage trois')"
grep -qx "essai : un 0 s, deux 0 s ; [0-9]* s en tout" <<< "$(run 'stage un; stage deux')"
grep -qx "essai : rien ; [0-9]* s en tout" <<< "$(run 'true')"
