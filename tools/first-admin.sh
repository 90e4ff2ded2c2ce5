#!/usr/bin/env bash
# The first administrator, for tools/start.sh: created once; while it has not chosen a password, a
# new activation link at each start. Usage: first-admin.sh PRATIQUES DATA_DIR URL EMAIL
set -euo pipefail
pratiques=$1 data=$2 url=$3 admin=$4
# A new clone has no accounts' database yet: `liste` refuses a missing one, `ajouter` creates it.
accounts=""
[ ! -e "$data/pratiques.sqlite" ] || accounts=$("$pratiques" utilisateur liste --donnees "$data")
if ! grep -q $'\tadministrateur\tactif' <<< "$accounts"; then
  if grep -q "^$admin"$'\t' <<< "$accounts"; then
    "$pratiques" utilisateur lien --courriel "$admin" --donnees "$data" --url "$url"
  else
    "$pratiques" utilisateur ajouter --courriel "$admin" --role administrateur --nom "Administrateur" --donnees "$data" \
      --url "$url"
  fi
fi
