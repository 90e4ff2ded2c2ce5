#!/usr/bin/env bash
# Release check: runs the README's two commands on a fresh, minimal Debian 12 (debootstrap's default
# variant, bookworm + bookworm-updates + bookworm-security) in a chroot, as root, from a clone of this
# repository's current branch: nothing installed by hand, so a dependency the project forgets fails
# here instead of on a new user's machine. Run as root on a Debian or Ubuntu host:
#   bash tools/fresh-debian-check.sh              # tools/start.sh, then the site fetched from the host
#   bash tools/fresh-debian-check.sh --tests      # and then CI=true tools/test.sh (30–60 min more)
# Options: --root DIR (/var/tmp/pratiques-fresh; removed first), --port N (8080; start.sh's PORT).
# Each step's log is under DIR.log/; its last line gives each command's wall time.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
root=/var/tmp/pratiques-fresh port=8080 tests=0
while (($#)); do
  case $1 in
    --root) root=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --tests) tests=1; shift ;;
    *) echo "fresh-debian-check : option inconnue « $1 »" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "fresh-debian-check : à lancer en root (debootstrap, chroot, mount)" >&2; exit 1; }
for tool in git curl ss; do
  command -v "$tool" >/dev/null || { echo "fresh-debian-check : « $tool » manque sur cet hôte (apt-get install git curl iproute2)" >&2; exit 1; }
done
if ss -ltn "sport = :$port" | grep -q LISTEN; then
  echo "fresh-debian-check : le port $port est déjà pris sur cet hôte ; choisir --port" >&2; exit 1
fi
logs=$root.log
branch=$(git -C "$repo" rev-parse --abbrev-ref HEAD)
timings=""
timed() {  # timed NAME COMMAND... : runs it, adds its wall time to the summary
  local name=$1 start=$SECONDS; shift
  "$@"
  timings+="${timings:+, }$name $((SECONDS - start)) s"
}
server=""
cleanup() {
  [ -z "$server" ] || kill -- "-$server" 2>/dev/null || true
  for m in dev/shm dev/pts dev sys proc; do
    ! mountpoint -q "$root/$m" || umount -l "$root/$m"
  done
  echo "fresh-debian-check : ${timings:-rien} (journaux : $logs/)"
}
trap cleanup EXIT

command -v debootstrap >/dev/null || apt-get install -y debootstrap
for m in dev/shm dev/pts dev sys proc; do  # a previous run stopped before its cleanup
  ! mountpoint -q "$root/$m" || umount -l "$root/$m"
done
rm -rf "$root" "$logs"
mkdir -p "$logs"
timed debootstrap debootstrap bookworm "$root" http://deb.debian.org/debian > "$logs/debootstrap.log"
cat > "$root/etc/apt/sources.list" <<'EOF'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The host's own certificate authorities (a proxy that intercepts TLS): the chroot trusts them as
# that network's machines do, once tools/install-deps.sh installs ca-certificates.
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
fi
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount -t tmpfs -o size=4g tmpfs "$root/dev/shm"
# What a user does: clone. Git comes from the host; inside, only the project's scripts install.
git clone -q -b "$branch" "$repo" "$root/root/pratiques"
# The source documents the content checks read from ../shared (README, « Content »), as CI has them.
for dir in seeds reference; do
  [ ! -d "$repo/../shared/$dir" ] || { mkdir -p "$root/root/shared"; cp -r "$repo/../shared/$dir" "$root/root/shared/"; }
done
# The new root as the root of a private mount namespace (pivot_root), not a chroot: the kernel
# refuses user namespaces in a chroot, and the disk-fault test needs one (`unshare -rm`).
in_root() {
  unshare --mount --propagation private /bin/bash -c 'mount --rbind "$1" "$1" && cd "$1" && pivot_root . mnt &&
    cd / && umount -l /mnt && exec /bin/bash -lc "cd /root/pratiques && $2"' in_root "$root" "$1"
}

# 1. tools/start.sh, in the background: it ends by serving.
start=$SECONDS
set -m  # its own process group, to stop the server with everything under it
in_root "PORT=$port bash tools/start.sh" > "$logs/start.log" 2>&1 &
server=$!
set +m
until grep -q "^Pratiques : http://localhost:$port" "$logs/start.log" && curl -sf -o /dev/null "http://localhost:$port/"; do
  kill -0 "$server" 2>/dev/null || { tail -30 "$logs/start.log"; echo "fresh-debian-check : tools/start.sh s'est arrêté" >&2; exit 1; }
  sleep 5
done
timings+="${timings:+, }start.sh jusqu'au service $((SECONDS - start)) s"
sheet=$(basename "$(ls "$root/root/pratiques/content/fiches/"*.md | head -1)" .md)
for url in / "/fiches/$sheet/" "/recherche?q=accompagnement+collectif"; do
  status=$(curl -s -o "$logs/page.html" -w '%{http_code}' "http://localhost:$port$url")
  [ "$status" = 200 ] || { echo "fresh-debian-check : $url → HTTP $status" >&2; exit 1; }
  echo "fresh-debian-check : $url → 200 ($(wc -c < "$logs/page.html") octets)"
done
grep -q 'href="/fiches/' "$logs/page.html" ||
  { echo "fresh-debian-check : la page de recherche n'a pas de résultats" >&2; exit 1; }
kill -- "-$server"; wait "$server" 2>/dev/null || true; server=""

# 2. tools/test.sh, as CI runs it.
if ((tests)); then
  timed test.sh in_root "CI=true bash tools/test.sh" > "$logs/test.log" 2>&1 ||
    { tail -40 "$logs/test.log"; echo "fresh-debian-check : tools/test.sh a échoué" >&2; exit 1; }
  tail -1 "$logs/test.log"
fi
echo "fresh-debian-check : réussi"
