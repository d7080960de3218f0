# Sourced by ./p2pchat and the bench/ scripts: finds a JDK >= 25 the same way everywhere.
# After sourcing, `find_java` prints the path of the newest java binary of version >= 25 found in
# JAVA_HOME, PATH or the usual JDK directories, or fails (status 1) without printing anything.
# Shell: bash. Sets no options and defines only functions and P2PCHAT_REQUIRED_JAVA.

P2PCHAT_REQUIRED_JAVA=25

java_feature_version() { # prints the feature version of the java binary $1, or nothing
  # A JDK's `release` file says it without starting a JVM (starting one per candidate cost the
  # launcher about a second on a busy machine); JAVA_VERSION="25.0.1", or "1.8.0_412" for 8.
  local release
  release="$(dirname "$(readlink -f "$1")")/../release"
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$release" | head -n 1
  else
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
  fi
}

find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  local dir
  for dir in /usr/lib/jvm/*/ /usr/java/*/ /opt/java/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/; do
    [ -x "${dir}bin/java" ] && candidates+=("${dir}bin/java")
  done
  local best="" best_version=0 candidate version
  for candidate in "${candidates[@]}"; do
    version=$(java_feature_version "$candidate" || true)
    if [ -n "$version" ] && [ "$version" -ge "$P2PCHAT_REQUIRED_JAVA" ] && [ "$version" -gt "$best_version" ]; then
      best=$candidate best_version=$version
    fi
  done
  [ -n "$best" ] && printf '%s\n' "$best"
}
