#!/usr/bin/env bash
# require-dir.sh DIR -- COMMAND...
# Runs COMMAND when DIR exists. When DIR is absent the check cannot run: it is skipped (exit 77,
# SKIP_RETURN_CODE of the ctest test) on a developer machine, and it FAILS when $CI is set, so that
# a continuous-integration run never passes without the documents the check needs.
set -u
dir=$1
shift
[ "${1:-}" = "--" ] && shift
if [ ! -d "$dir" ]; then
  if [ -n "${CI:-}" ]; then
    echo "ÉCHEC : $dir introuvable ; en intégration continue (CI=$CI) cette vérification est obligatoire" >&2
    exit 1
  fi
  echo "IGNORÉ : $dir introuvable (définir CI pour en faire une erreur)" >&2
  exit 77
fi
if ! command -v "$1" >/dev/null 2>&1; then
  echo "ÉCHEC : commande « $1 » introuvable" >&2
  exit 1
fi
exec "$@"
