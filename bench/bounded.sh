# shellcheck shell=bash
# A command timed under an RSS watchdog (sourced by bench/run.sh for Hugo and Pagefind).
#
#   bounded NAME COMMAND...
#
# Runs COMMAND under /usr/bin/time and polls, every second, the resident memory of its process tree;
# above $rss_limit KB the tree is killed (kill -9), before the kernel's OOM killer picks some other
# process of the machine. NAME.txt gets "wall user sys rss(KB) load1", NAME.status the exit status
# (137: killed), NAME.log the output. A tree killed by the watchdog reports what the watchdog last
# saw: its total resident memory and the CPU time of its processes. /usr/bin/time cannot: it only
# counts the descendants that their parents waited for, and `pagefind`'s npm launcher is killed
# with the program it launched (its figures were the launcher's, 43 MB and 0.08 s).
# Needs `log` (a line of progress) from the caller.
rss_limit=${BENCH_RSS_LIMIT_KB:-20971520}

tree() {  # tree PID : "pid rss(KB)" of PID and of each of its descendants
  ps -e -o pid=,ppid=,rss= | awk -v root="$1" '
    { parent[$1] = $2; rss[$1] = $3 }
    END { for (p in parent) { q = p; while (q != "" && q != root && q > 1) q = parent[q]; if (q == root) print p, rss[p] } }'
}

tree_cpu() {  # tree_cpu PID... : "user sys" seconds of those processes (/proc/PID/stat, clock ticks)
  local hz p
  hz=$(getconf CLK_TCK)
  for p in "$@"; do
    # Fields 14 and 15 (utime, stime) counted after the command's name, which may hold spaces.
    [ -r "/proc/$p/stat" ] && sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null
  done | awk -v hz="$hz" '{ u += $12; s += $13 } END { printf "%.2f %.2f\n", u / hz, s / hz }'
}

bounded() {
  local name=$1 load pid status=0 killed=0 now pids cpu=""
  shift
  sync  # as in timed
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -o "$name.time" -f '%e %U %S %M' "$@" > "$name.log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    now=$(tree "$pid" | awk '{ t += $2 } END { print t + 0 }')
    if ((now > rss_limit)); then
      log "$(basename "$name") : RSS $((now / 1024)) Mo > plafond $((rss_limit / 1024)) Mo : arrêt (kill -9)"
      echo "tué par le chien de garde : RSS $now Ko > $rss_limit Ko" >> "$name.log"
      pids=$(tree "$pid" | awk -v self="$pid" '$1 != self { print $1 }')  # not time itself: it reports
      # shellcheck disable=SC2086  # one argument per process
      cpu=$(tree_cpu $pids)
      # shellcheck disable=SC2086
      kill -9 $pids 2>/dev/null || true
      killed=1
      break
    fi
    sleep 1
  done
  wait "$pid" || status=$?
  if ((killed)); then
    status=137
    read -r wall _ _ _ < <(tail -1 "$name.time")
    echo "$wall $cpu $now $load" >> "$name.txt"
  else
    echo "$(tail -1 "$name.time") $load" >> "$name.txt"
  fi
  echo "$status" > "$name.status"
  rm -f "$name.time"
  ((status == 0)) || log "$(basename "$name") n'a pas abouti (statut $status, $(tail -1 "$name.txt"))"
}
