#!/usr/bin/env bash
# Builds Vigil's image from docker/Dockerfile and starts it, on a machine with no Docker engine and no registry
# (ours: CI runs this from .ci/run as root). What it proves and what not: docs/operations.md, "Containers in CI".
#   1. a base image made here: a Java runtime cut from this machine's JDK with jlink, the C libraries it links, BusyBox
#      (the registry's eclipse-temurin image cannot be pulled here; BASE_IMAGE swaps it in);
#   2. buildah builds docker/Dockerfile on it (daemonless, chroot isolation, Docker format to keep the HEALTHCHECK);
#   3. the image's own config is read back: user, health check, entrypoint, exposed port, environment;
#   4. runc starts it from that config (podman run cannot here: this sandbox refuses containers their rlimits), with
#      the host's network and a database of its own on the host's PostgreSQL; it must answer /q/health/ready, its
#      health check must pass inside it, and it must run as uid 10001.
# Needs: root, buildah, runc, busybox-static (installed with apt-get when missing), a built application (./vigil
# build), PostgreSQL on 127.0.0.1:5432. Usage: docker/prove-image.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-18690}
started=$(date +%s)
say() { echo "prove-image: $*"; }

need=()
command -v buildah >/dev/null 2>&1 || need+=(buildah)
command -v runc >/dev/null 2>&1 || need+=(runc)
[ -x /bin/busybox ] || need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -f web/target/quarkus-app/quarkus-run.jar ] || { say "build the application first (./vigil build)"; exit 1; }
# a JDK 21+ with jlink: JAVA_HOME, else the newest under /usr/lib/jvm
jdk=""
for home in ${JAVA_HOME:-} $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
  home=${home%/}
  [ -x "$home/bin/jlink" ] || continue
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
  if [ "${major:-0}" -ge 21 ]; then jdk=$home; break; fi
done
[ -n "$jdk" ] || { say "no JDK 21+ with jlink (set JAVA_HOME)"; exit 1; }

work=$(mktemp -d /tmp/vigil-image.XXXXXX)
container="vigil-image-check-$$"
builder=""
cleanup() {
  runc kill "$container" KILL >/dev/null 2>&1 || true
  runc delete --force "$container" >/dev/null 2>&1 || true
  if [ -n "$builder" ]; then buildah umount "$builder" >/dev/null 2>&1 || true; buildah rm "$builder" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# 1. The base: made once per JDK and kept (named after the JDK's release), since jlink is the slow part.
base="localhost/vigil-ci-base:$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$jdk/release")"
if ! buildah inspect --type image "$base" >/dev/null 2>&1; then
  say "making the base image $base from $jdk"
  root="$work/base"
  mkdir -p "$root"/{bin,etc,tmp,opt}
  chmod 1777 "$root/tmp"
  available=$("$jdk/bin/java" --list-modules | sed 's/@.*//')
  modules=""
  for m in java.se jdk.incubator.vector jdk.unsupported jdk.crypto.ec jdk.zipfs jdk.management jdk.naming.dns \
           jdk.localedata jdk.charsets jdk.security.auth jdk.net jdk.jfr; do
    grep -qx "$m" <<<"$available" && modules="$modules${modules:+,}$m"
  done
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --output "$root/opt/java"
  # the C libraries the runtime links, at their own paths
  find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
    | grep -o '/[^ ]*' | sort -u | while read -r lib; do
      [ -e "$lib" ] && mkdir -p "$root$(dirname "$lib")" && cp -L "$lib" "$root$lib"
    done
  cp /bin/busybox "$root/bin/busybox"
  for tool in sh ash cat id grep head mkdir chown chmod ls nc sleep env; do
    ln -s busybox "$root/bin/$tool"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\n' > "$root/etc/passwd"
  printf 'root:x:0:\n' > "$root/etc/group"
  printf '127.0.0.1 localhost\n::1 localhost\n' > "$root/etc/hosts"
  b=$(buildah from scratch)
  buildah copy "$b" "$root" / >/dev/null
  buildah config --env PATH=/opt/java/bin:/bin --env JAVA_HOME=/opt/java "$b"
  buildah commit --format docker "$b" "$base" >/dev/null
  buildah rm "$b" >/dev/null
fi

# 2. The image, from the Dockerfile users build.
say "building docker/Dockerfile on $base"
buildah bud --quiet --isolation chroot --format docker --layers=false \
  --build-arg BASE_IMAGE="$base" -f docker/Dockerfile -t localhost/vigil:ci . >/dev/null

# 3. What the image says about itself.
buildah inspect --type image localhost/vigil:ci > "$work/image.json"
field() { python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["Docker"]["config"]; v=c.get(sys.argv[2]); print(v if isinstance(v,str) else json.dumps(v))' "$work/image.json" "$1"; }
user=$(field User); health=$(field Healthcheck); entrypoint=$(field Entrypoint); ports=$(field ExposedPorts)
workdir=$(field WorkingDir)
say "user=$user healthcheck=$health entrypoint=$entrypoint exposed=$ports workdir=$workdir"
case "$user" in ""|root|0|0:*|root:*) say "FAIL: the image runs as root"; exit 1 ;; esac
[[ "$health" == *"/opt/vigil/healthcheck.sh"* ]] || { say "FAIL: no health check"; exit 1; }
[[ "$entrypoint" == *"quarkus-run.jar"* ]] || { say "FAIL: unexpected entrypoint"; exit 1; }
[[ "$ports" == *"8080/tcp"* ]] || { say "FAIL: port 8080 is not exposed"; exit 1; }

# 4. Start it with runc from the image's own config, on the host's network.
database=vigil_image_check
psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $database with (force)" -c "create database $database" >/dev/null
builder=$(buildah from localhost/vigil:ci)
rootfs=$(buildah mount "$builder")
mkdir -p "$work/bundle"
field Env > "$work/env.json"
python3 - "$work/bundle/config.json" "$rootfs" "$user" "$workdir" "$entrypoint" "$work/env.json" "$port" "$database" <<'PY'
import json, sys
out, rootfs, user, workdir, entrypoint, envfile, port, database = sys.argv[1:]
uid, _, gid = user.partition(":")
env = json.load(open(envfile)) + [
    f"QUARKUS_HTTP_PORT={port}",
    f"QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/{database}",
    "VIGIL_ADMIN_PASSWORD=Image-Check-Password-42",
]
spec = {
    "ociVersion": "1.0.2",
    "root": {"path": rootfs, "readonly": False},
    "process": {
        "terminal": False, "user": {"uid": int(uid), "gid": int(gid or uid)}, "cwd": workdir or "/",
        "args": json.loads(entrypoint), "env": env, "noNewPrivileges": True,
        "capabilities": {k: [] for k in ("bounding", "effective", "permitted", "inheritable", "ambient")},
    },
    "hostname": "vigil",
    "mounts": [
        {"destination": "/proc", "type": "proc", "source": "proc"},
        {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
        {"destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]},
        {"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
        {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]},
        {"destination": "/tmp", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "nodev", "mode=1777"]},
    ],
    # no network namespace: the host's network, as --network host; no rlimits: this sandbox refuses setting them
    "linux": {"namespaces": [{"type": t} for t in ("pid", "ipc", "uts", "mount")],
              "maskedPaths": ["/proc/kcore", "/proc/keys", "/proc/timer_list"], "readonlyPaths": ["/proc/sys"]},
}
json.dump(spec, open(out, "w"), indent=1)
PY
say "starting the image with runc on port $port"
(cd "$work/bundle" && runc run "$container" > "$work/container.log" 2>&1 &)
ready=""
for _ in $(seq 1 240); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null &&
     [ "$( (exec 3<>"/dev/tcp/127.0.0.1/$port"; printf 'GET /q/health/ready HTTP/1.0\r\n\r\n' >&3; head -n 1 <&3) 2>/dev/null | tr -d '\r')" = "HTTP/1.0 200 OK" ]; then
    ready=yes; break
  fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  say "FAIL: the container did not become ready; its output:"; tail -40 "$work/container.log"; exit 1
fi
runc exec --env QUARKUS_HTTP_PORT="$port" "$container" /opt/vigil/healthcheck.sh || {
  say "FAIL: the health check fails inside the container"; exit 1; }
inside=$(runc exec "$container" id -u)
[ "$inside" = "${user%%:*}" ] || { say "FAIL: the container runs as uid $inside"; exit 1; }
grep -q "Profile prod activated" "$work/container.log" || { say "FAIL: not the production profile"; exit 1; }
runc kill "$container" TERM
for _ in $(seq 1 40); do [ "$(runc state "$container" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])' 2>/dev/null)" = stopped ] && break; sleep 0.5; done
grep -q "stopped in" "$work/container.log" || { say "FAIL: the container did not stop cleanly on SIGTERM"; tail -20 "$work/container.log"; exit 1; }
say "OK: the image built from docker/Dockerfile starts as uid $inside, answers /q/health/ready, passes its health check and stops on SIGTERM ($(( $(date +%s) - started )) s)"
