# Sourced by bench/ scripts after lib.sh: a small NAT lab of network namespaces, the plan of docs/lab.md
# (which the Java lab tests build) in bash. Needs root, `ip` and `iptables`.
#
#   198.18.0.10 (+ .11) server --- inet (routes, TTL - 1) --- 198.18.N.2 natN (MASQUERADE) --- 10.N.0.10 natNh
#
#   netlab_unavailable           prints why the lab cannot run here (exit 0), or nothing (exit 1)
#   netlab_create                the internet router "inet" and the server host "server"
#   netlab_add_nat N KIND        router natN (KIND port-restricted or symmetric) with one host natNh
#   netlab_exec NAME CMD...      runs CMD in namespace NAME (inet, server, natN, natNh)
#
# Namespaces are named p2bench-PID-NAME (PID: this script's), so concurrent runs never clash; they are
# removed on exit, with any process still inside, and the namespaces of a dead run (killed with
# SIGKILL) are removed by the next one. Veths are created inside their namespaces: nothing of the lab
# appears in the machine's own namespace.

netlab_prefix="p2bench-$$"
netlab_server_ip=198.18.0.10
netlab_server_alt_ip=198.18.0.11

netlab_unavailable() {
  if [ "$(id -u)" != 0 ]; then echo "not root"; return 0; fi
  local tool
  for tool in ip iptables sysctl ss; do
    command -v "$tool" >/dev/null 2>&1 || { echo "no $tool"; return 0; }
  done
  # Root in a container without CAP_SYS_ADMIN cannot make namespaces: try one.
  local probe="$netlab_prefix-probe"
  ip netns add "$probe" 2>/dev/null || { echo "cannot create a network namespace"; return 0; }
  ip netns delete "$probe"
  return 1
}

netlab_ns() { echo "$netlab_prefix-$1"; }

netlab_exec() { local name=$1; shift; ip netns exec "$(netlab_ns "$name")" "$@"; }

# Kills what still runs in namespace NS (by pid: only processes a bench run started there), deletes it.
netlab_remove() {
  local pids
  pids=$(ip netns pids "$1" 2>/dev/null || true)
  # shellcheck disable=SC2086 # one pid per word
  [ -z "$pids" ] || kill -9 $pids 2>/dev/null || true
  local tries=0 # until they are gone: they may still be writing into $bench_tmp, which is removed next
  while [ -n "$(ip netns pids "$1" 2>/dev/null)" ] && [ $tries -lt 100 ]; do sleep 0.05; tries=$((tries + 1)); done
  ip netns delete "$1" 2>/dev/null || true
}

# Removes every namespace of this run, by name prefix: also one whose creation a signal interrupted.
netlab_destroy() {
  local ns
  for ns in $(ip netns list | awk -v p="$netlab_prefix-" 'index($1, p) == 1 {print $1}'); do netlab_remove "$ns"; done
}

# Namespaces of bench runs whose script is gone.
netlab_remove_stale() {
  local ns pid
  for ns in $(ip netns list | awk '/^p2bench-[0-9]+-/ {print $1}'); do
    pid=${ns#p2bench-}; pid=${pid%%-*}
    kill -0 "$pid" 2>/dev/null || netlab_remove "$ns"
  done
}

# A namespace with loopback up and IPv6 off; forwarding on for routers (second argument "router").
netlab_add_ns() {
  local name=$1 ns
  ns=$(netlab_ns "$name")
  ip netns add "$ns"
  netlab_exec "$name" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  netlab_exec "$name" ip link set lo up
  if [ "${2:-}" = router ]; then netlab_exec "$name" sysctl -qw net.ipv4.ip_forward=1; fi
}

# netlab_link A IF_A ADDR_A/LEN B IF_B ADDR_B/LEN: a veth between two namespaces, addressed and up.
netlab_link() {
  ip link add "$2" netns "$(netlab_ns "$1")" type veth peer name "$5" netns "$(netlab_ns "$4")"
  netlab_exec "$1" ip addr add "$3" dev "$2"
  netlab_exec "$1" ip link set "$2" up
  netlab_exec "$4" ip addr add "$6" dev "$5"
  netlab_exec "$4" ip link set "$5" up
}

netlab_create() {
  netlab_remove_stale
  bench_cleanup_hooks+=(netlab_destroy)
  netlab_add_ns inet router
  netlab_add_ns server
  netlab_link inet l0 198.18.0.1/24 server eth0 "$netlab_server_ip/24"
  netlab_exec server ip addr add "$netlab_server_alt_ip/24" dev eth0
  netlab_exec server ip route add default via 198.18.0.1
}

# The public address of NAT router N.
netlab_nat_ip() { echo "198.18.$1.2"; }

# netlab_add_nat N KIND: router natN on link 198.18.N.0/24, LAN 10.N.0.0/24, host natNh at 10.N.0.10.
# port-restricted: MASQUERADE (endpoint-independent mapping that keeps ports, address-and-port-dependent
# filtering); symmetric: MASQUERADE --random-fully (a random port per destination).
netlab_add_nat() {
  local n=$1 kind=$2 random=()
  case "$kind" in
    port-restricted) ;;
    symmetric) random=(--random-fully) ;;
    *) bench_die "netlab: unknown NAT kind '$kind'" ;;
  esac
  netlab_add_ns "nat$n" router
  netlab_link inet "l$n" "198.18.$n.1/24" "nat$n" wan "$(netlab_nat_ip "$n")/24"
  netlab_exec "nat$n" ip route add default via "198.18.$n.1"
  netlab_exec "nat$n" iptables -t nat -A POSTROUTING -o wan -j MASQUERADE "${random[@]}"
  netlab_add_ns "nat${n}h"
  netlab_link "nat$n" lan "10.$n.0.1/24" "nat${n}h" eth0 "10.$n.0.10/24"
  netlab_exec "nat${n}h" ip route add default via "10.$n.0.1"
}

# Waits until something listens on PROTO (tcp|udp) PORT in namespace NAME, or fails after SECONDS.
netlab_wait_port() {
  local name=$1 proto=$2 port=$3 limit=${4:-60} flag
  [ "$proto" = tcp ] && flag=-Hltn || flag=-Hlun
  local deadline=$((SECONDS + limit))
  while ! netlab_exec "$name" ss $flag "sport = :$port" | grep -q .; do
    [ $SECONDS -lt $deadline ] || bench_die "nothing listens on $proto port $port in $name after ${limit}s"
    sleep 0.1
  done
}

# The real `p2pchat server` on the server host, as the lab tests run it (LabServer): RFC 5780 on .10
# and .11, its STUN endpoint advertised to clients (no default: without it they gather no public
# address), the built-in TURN relay on; log in $bench_tmp/lab-server.log. Sets netlab_server_url.
netlab_stun_port=3478
netlab_start_server() {
  local http_port=5000
  echo "{\"advertise_stun\": [\"$netlab_server_ip:$netlab_stun_port\"]}" >"$bench_tmp/lab-server.json"
  bench_start lab-server ip netns exec "$(netlab_ns server)" "$repo_root/p2pchat" server --config "$bench_tmp/lab-server.json" \
    --bind "$netlab_server_ip" --stun-alt-address "$netlab_server_alt_ip" --http-port "$http_port" \
    --stun-port "$netlab_stun_port" --data-dir "$bench_tmp/lab-server-data"
  netlab_wait_port server tcp "$http_port" 90
  netlab_wait_port server udp "$netlab_stun_port" 30
  netlab_server_url="http://$netlab_server_ip:$http_port"
}
