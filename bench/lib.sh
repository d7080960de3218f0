# Sourced by the bench/ scripts: the JDK, the jars, CPU pinning, free ports, readiness and cleanup.
# Shell: bash. Every script prints its figures and, on its LAST lines, its summary rows (one or more):
#   NAME | p2pchat FIGURES | BASELINE FIGURES | ratio R | goal G
# which bench/run-all turns into a table: it takes every line of that shape (" | ratio ... | goal "),
# so no other line may have it.

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$bench_dir/.." && pwd)
# shellcheck source=../bin/find-java.sh
. "$repo_root/bin/find-java.sh"

cli_jar="$repo_root/cli/target/p2pchat.jar"
bench_jar="$repo_root/bench/target/p2pchat-bench.jar"

bench_die() { echo "$(basename "$0"): $*" >&2; exit 1; }

java_bin=$(find_java) || bench_die "needs a Java $P2PCHAT_REQUIRED_JAVA or newer JDK (JAVA_HOME, PATH or /usr/lib/jvm)"

# Builds the runnable jar and the bench jar if either is missing (as ./p2pchat does for its own).
bench_ensure_jars() {
  if [ ! -f "$cli_jar" ] || [ ! -f "$bench_jar" ]; then
    echo "building the p2pchat and bench jars..." >&2
    (cd "$repo_root" && mvn -q -B -DskipTests -Dskip.fuzz=true package -pl cli,bench -am) >&2
  fi
}

# The machine has few cores and is shared: the server under test gets one CPU, the load generator
# another, so both contenders have the same budget and the generator does not steal the server's.
if [ "$(nproc)" -ge 2 ]; then server_cpu=1 load_cpu=0; else server_cpu=0 load_cpu=0; fi

bench_quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) bench_quick=1 ;;
    -h|--help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$arg' (only --quick)" ;;
  esac
done

bench_tmp=$(mktemp -d "${TMPDIR:-/tmp}/p2pchat-bench.XXXXXX")
bench_pids=()
bench_cleanup_hooks=() # functions run at exit after the processes ended (e.g. netlab_destroy)
bench_cleanup() {
  local pid hook
  for pid in "${bench_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${bench_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for hook in "${bench_cleanup_hooks[@]}"; do "$hook" || true; done
  if [ -n "${BENCH_KEEP:-}" ]; then echo "logs kept in $bench_tmp" >&2; else rm -rf "$bench_tmp"; fi
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# Starts "$@" in the background, its output in $bench_tmp/NAME.log; remembers it for cleanup and
# leaves its pid in $bench_pid (not printed: a command substitution would lose the bookkeeping).
bench_start() {
  local name=$1; shift
  "$@" >"$bench_tmp/$name.log" 2>&1 &
  bench_pid=$!
  bench_pids+=("$bench_pid")
}

bench_stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# A port free for both TCP and UDP on loopback, from a random spot of a high range.
bench_free_port() {
  local port tries=0
  while [ $tries -lt 200 ]; do
    port=$((20000 + RANDOM % 30000))
    if ! ss -Hltun "sport = :$port" | grep -q .; then echo "$port"; return 0; fi
    tries=$((tries + 1))
  done
  bench_die "no free port found"
}

# Waits until something listens on PROTO (tcp|udp) PORT, or fails after SECONDS (default 30).
bench_wait_port() {
  local proto=$1 port=$2 limit=${3:-30} flag
  [ "$proto" = tcp ] && flag=-Hltn || flag=-Hlun
  local deadline=$((SECONDS + limit))
  while ! ss $flag "sport = :$port" | grep -q .; do
    [ $SECONDS -lt $deadline ] || bench_die "nothing listens on $proto port $port after ${limit}s"
    sleep 0.1
  done
}

# The ./p2pchat launcher's JVM options (low-TTL sends need them) and the bench jar.
bench_java_cmd=("$java_bin" --enable-native-access=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED -cp "$bench_jar")

# Runs a bench tool class pinned to the load CPU: bench_tool CLASS ARGS...
bench_tool() { taskset -c "$load_cpu" "${bench_java_cmd[0]}" -XX:+UseSerialGC "${bench_java_cmd[@]:1}" "$@"; }

# Value of KEY in a "result key=value ..." line on stdin.
bench_field() { sed -n "s/^result .*\\b$1=\\([^ ]*\\).*/\\1/p" | tail -n 1; }

# The median of the numbers given as arguments.
bench_median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# A/B as a ratio with two decimals.
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f\n", a / b }'; }

# Thousands separators for a whole number.
bench_num() { awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); print s }'; }
