#!/usr/bin/env bash
# Proves the plugin kit is self-contained, as docs/plugins.md promises a third party: deploys the SPI, the plugin
# loader, the test kit, the packaging descriptor and their parent poms to a file repository, then copies the example
# plugin into an empty folder outside the build and builds, tests and packages it against that repository alone (a
# local repository without any io.vigil artifact), and checks the packaged plugins/jsonfeed/ folder and its manifest.
# Also runs the SPI's API-compatibility check (japicmp) against the recorded baseline. Cheap: about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
# The build needs a JDK of 21 or newer: JAVA_HOME if it is one, else the newest under /usr/lib/jvm (plain java may be 17).
jdk_release() { "$1/bin/javac" -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/'; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ] || [ "$(jdk_release "$JAVA_HOME")" -lt 21 ]; then
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/bin/javac" ] && [ "$(jdk_release "${candidate%/}")" -ge 21 ]; then
      export JAVA_HOME="${candidate%/}"
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(jdk_release "$JAVA_HOME")" -lt 21 ]; then
  echo "plugin kit: needs a JDK 21 or newer (set JAVA_HOME, or install one under /usr/lib/jvm)" >&2
  exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"
work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-plugin-kit.XXXXXX")
trap 'rm -rf "$work"' EXIT
repo="$work/kit-repo"
mvnw=(./mvnw -B -q -Dquarkus.analytics.disabled=true)

echo "plugin kit: checking the SPI's API against the recorded 0.1.0 baseline (japicmp)"
"${mvnw[@]}" -DskipTests -Papi-check -pl core/spi verify

echo "plugin kit: deploying the SPI, loader, test kit and packaging descriptor to $repo"
"${mvnw[@]}" -DskipTests -DaltDeploymentRepository="kit::file://$repo" \
  -pl .,core,core/spi,core/plugin-loader,core/spi-testkit,core/plugin-assembly deploy

# A local repository with everything Maven already has except Vigil's own artifacts (hard links: no copying).
local_repo="$work/local"
cp -al "${VIGIL_M2_TAIL:-$HOME/.m2/repository}" "$local_repo"
rm -rf "$local_repo/io/vigil"
cat > "$work/settings.xml" <<SETTINGS
<settings>
  <profiles><profile><id>kit</id>
    <repositories><repository><id>kit</id><url>file://$repo</url>
      <snapshots><enabled>true</enabled></snapshots></repository></repositories>
    <pluginRepositories><pluginRepository><id>kit</id><url>file://$repo</url>
      <snapshots><enabled>true</enabled></snapshots></pluginRepository></pluginRepositories>
  </profile></profiles>
  <activeProfiles><activeProfile>kit</activeProfile></activeProfiles>
</settings>
SETTINGS

echo "plugin kit: building the example from an empty folder against the deployed kit"
mkdir "$work/my-plugin"
cp -r examples/jsonfeed-source/pom.xml examples/jsonfeed-source/src "$work/my-plugin/"
# Maven itself, through the wrapper (not this build's .mvn/maven.config).
mkdir -p "$work/my-plugin/.mvn" && cp -r mvnw "$work/my-plugin/" && cp -r .mvn/wrapper "$work/my-plugin/.mvn/"
(cd "$work/my-plugin" && ./mvnw -B -q -s "$work/settings.xml" -Dmaven.repo.local="$local_repo" package)

folder="$work/my-plugin/target/vigil-jsonfeed-source-1.0.0-vigil-plugin/plugins/jsonfeed"
test -f "$folder/vigil-jsonfeed-source-1.0.0.jar" || { echo "no packaged plugin folder at $folder" >&2; exit 1; }
if ls "$folder" | grep -q '^vigil-spi'; then echo "the SPI was packed with the plugin" >&2; exit 1; fi
unzip -p "$folder/vigil-jsonfeed-source-1.0.0.jar" META-INF/MANIFEST.MF | grep -q '^Vigil-SPI-Version: ' \
  || { echo "the plugin jar declares no Vigil-SPI-Version" >&2; exit 1; }
test -d "$local_repo/io/vigil/vigil-spi" || { echo "the SPI did not come from the kit repository" >&2; exit 1; }
echo "plugin kit: ok — $(ls "$folder" | tr '\n' ' ')"
