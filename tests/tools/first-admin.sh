#!/usr/bin/env bash
# tools/start.sh on a new clone (no var/ yet) creates the first administrator and prints its
# activation link; the next start, the account still waiting, prints a new link.
set -euo pipefail
pratiques=$1
data=$(mktemp -d)/var
trap 'rm -rf "$(dirname "$data")"' EXIT
first=$(bash tools/first-admin.sh "$pratiques" "$data" http://localhost:8081 admin@exemple.fr)
grep -q '^Compte créé : admin@exemple.fr (administrateur)' <<< "$first"
grep -q '^http://localhost:8081/activation?jeton=' <<< "$first"
again=$(bash tools/first-admin.sh "$pratiques" "$data" http://localhost:8081 admin@exemple.fr)
grep -q "^Lien d'activation, à transmettre à admin@exemple.fr" <<< "$again"
[ "$(sed -n 's/.*jeton=//p' <<< "$first")" != "$(sed -n 's/.*jeton=//p' <<< "$again")" ]
