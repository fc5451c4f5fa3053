#!/usr/bin/env bash
# Builds the Python wheel, the Java jar and the Go module with jsii-pacmak, and proves each works for a user of
# that language: the app under example/<language>/ installs it with aws-cdk-lib from the language's own registry
# (2.245.0, the library's floor; Go: v2.248.0, see example/go/go.mod), synthesizes, and must give the TypeScript
# example's cloud assembly byte for byte (test/bindings/compare-assemblies.ts). `readme` compiles and runs the
# README's examples and minimal apps in each language.
#
#   build-tools/bindings.sh [python] [java] [go] [readme]      (npx projen bindings runs them all, after jsii)
#
# Needs the jsii build (lib/, .jsii, assets/): `npx projen bindings*` does it first. Caches, all outside the clone
# so that they survive it: pip's wheels in ~/.cache/pip, Maven's repository in ~/.m2/repository (or
# $MAVEN_LOCAL_REPOSITORY), Go's modules and build cache in `go env GOMODCACHE GOCACHE` (~/go/pkg/mod,
# ~/.cache/go-build). Outputs, all ignored by git: dist/{python,java,go}, example/python/.venv,
# example/java/target, example/*/cdk.out and .bindings-out/.
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
OUT=.bindings-out
VENV=example/python/.venv
M2="${MAVEN_LOCAL_REPOSITORY:-$HOME/.m2/repository}" # MAVEN_LOCAL_REPOSITORY: another one, e.g. to measure a cold cache
GO_MODULE=github.com/cdk-contact-center-resources/cdk-contact-center-resources-go/cdkcontactcenterresources
# Debian's Maven 3.8 prints ANSI resets even in batch mode: drop them (pipefail keeps Maven's exit status).
mvn_() { mvn --batch-mode --quiet -Dstyle.color=never -Dmaven.repo.local="$M2" "$@" 2>&1 | sed 's/\x1b\[0m//g'; }
ts() { TS_NODE_TRANSPILE_ONLY=true npx ts-node -P test/tsconfig.json "$@"; }

# Runs one step and says how long it took, so that CI logs carry the time of every step.
timed() {
  local label=$1 start=$SECONDS
  shift
  printf '\n--- %s\n' "$label"
  "$@"
  printf -- '--- %s: %d s\n' "$label" $((SECONDS - start))
}

[ -f .jsii ] && ls assets/lambda/*/index/index.js > /dev/null 2>&1 \
  || { echo "FAIL: no jsii build (.jsii, assets/): run 'npx projen bundle && npx projen compile' first" >&2; exit 1; }

reference_done=false
reference_synth() { ts example/synth.ts > /dev/null; }
reference() {
  $reference_done && return
  timed "TypeScript example: synthesize the reference assembly (example/cdk.out)" reference_synth
  reference_done=true
}
compare() { ts test/bindings/compare-assemblies.ts example/cdk.out "example/$1/cdk.out" "$1"; }

python_venv() {
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r example/python/requirements.txt
  # The wheel's version stays 0.0.0 between builds: reinstall it, then check that its requirements are met.
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps --force-reinstall dist/python/*.whl
  "$VENV/bin/pip" check
  "$VENV/bin/pip" list --disable-pip-version-check 2>/dev/null | grep -E '^(aws-cdk-lib|constructs|jsii|cdk-contact-center-resources) '
}
python_app() { rm -rf example/python/cdk.out && (cd example/python && CDK_OUTDIR=cdk.out .venv/bin/python app.py); }
step_python() {
  reference
  timed "python: jsii-pacmak builds the wheel (dist/python)" bash -c 'rm -rf dist/python && npx jsii-pacmak --outdir dist --target python'
  ls dist/python
  timed "python: venv with aws-cdk-lib from PyPI and the wheel ($VENV)" python_venv
  timed "python: synthesize example/python/app.py" python_app
  timed "python: compare with the TypeScript example" compare python
}

java_app() {
  # Maven keeps the 0.0.0 jar of an earlier build in its repository: drop it, so that the one just built is used.
  rm -rf "$M2/io/github/cdk-contact-center-resources" example/java/cdk.out
  (cd example/java && CDK_OUTDIR=cdk.out mvn_ compile exec:java)
  mvn_ -f example/java/pom.xml dependency:list -DincludeGroupIds=software.amazon.awscdk,software.constructs,io.github.cdk-contact-center-resources \
    -DoutputFile=/dev/stdout | grep -E ':(aws-cdk-lib|constructs|cdk-contact-center-resources):' | sed 's/^ */  /'
}
step_java() {
  reference
  timed "java: jsii-pacmak builds the jar (dist/java, with Maven's repository in $M2)" \
    bash -c 'rm -rf dist/java && npx jsii-pacmak --outdir dist --target java --maven-local-repository "$0"' "$M2"
  find dist/java -name '*.jar' -printf '  %P\n'
  timed "java: compile and run example/java against aws-cdk-lib from Maven Central" java_app
  timed "java: compare with the TypeScript example" compare java
}

go_build() {
  # jsii-pacmak's own Go build (`go mod tidy` of the module alone) needs awscdk v2.245.0 from the module proxy,
  # which this machine's proxy does not serve (example/go/go.mod, docs/languages.md): the module is compiled,
  # and vetted, as part of the example's build instead.
  (cd example/go && go build -o "../../$OUT/go/contact-center" . && go build -o "../../$OUT/go/readme" ./readme \
    && go vet ./... "$GO_MODULE/..." && go list -m github.com/aws/aws-cdk-go/awscdk/v2 github.com/aws/constructs-go/constructs/v10 "$GO_MODULE" | sed 's/^/  /')
}
go_app() { rm -rf example/go/cdk.out && (cd example/go && CDK_OUTDIR=cdk.out "../../$OUT/go/contact-center"); }
step_go() {
  reference
  timed "go: jsii-pacmak generates the module (dist/go)" bash -c 'rm -rf dist/go && npx jsii-pacmak --code-only --outdir dist --target go'
  echo "  caches: GOMODCACHE=$(go env GOMODCACHE) GOCACHE=$(go env GOCACHE)"
  timed "go: build and vet example/go and the module, with awscdk from the Go module proxy" go_build
  timed "go: synthesize example/go" go_app
  timed "go: compare with the TypeScript example" compare go
}

readme_python() { (cd "$OUT/readme/python" && rm -rf cdk.out && CDK_OUTDIR=cdk.out "../../../$VENV/bin/python" readme_examples.py); }
readme_java() {
  local dir="$OUT/readme/java"
  mvn_ -f example/java/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$dir/classpath.txt" > /dev/null
  rm -rf "$dir/classes" "$dir/cdk.out"
  javac -Xlint:all -Werror -d "$dir/classes" -cp "$(cat "$dir/classpath.txt")" "$dir/readme/ReadmeExamples.java"
  (cd "$dir" && CDK_OUTDIR=cdk.out java -cp "classes:$(cat classpath.txt)" readme.ReadmeExamples)
}
readme_go() {
  (cd example/go && go build -o "../../$OUT/go/readme" ./readme)
  rm -rf "$OUT/readme/go" && mkdir -p "$OUT/readme/go" && (cd "$OUT/readme/go" && CDK_OUTDIR=cdk.out ../../go/readme)
}
# The README's minimal app of one language has synthesized the construct it declares.
synthesized() { grep -q '"Custom::ChimeVoiceConnectorProxy"' "$1/cdk.out/ContactCenter.template.json" && echo "  $2: the README's minimal app synthesized"; }
install_python() {
  local dir="$OUT/readme/install/python"
  (cd "$dir" && rm -rf cdk.out && CDK_OUTDIR=cdk.out "../../../../$VENV/bin/python" app.py) && synthesized "$dir" python
}
install_java() {
  local dir="$OUT/readme/install/java" cp
  cp="$(cat "$OUT/readme/java/classpath.txt")"
  rm -rf "$dir/classes" "$dir/cdk.out"
  javac -Xlint:all -Werror -d "$dir/classes" -cp "$cp" "$dir/ContactCenterApp.java"
  (cd "$dir" && CDK_OUTDIR=cdk.out java -cp "classes:$cp" ContactCenterApp) && synthesized "$dir" java
}
install_go() {
  local dir="$OUT/readme/install/go"
  (cd "$dir" && gofmt -l . | grep . && { echo "FAIL: the README's Go app is not gofmt'ed" >&2; exit 1; }
    go vet . && go build -o app . && rm -rf cdk.out && CDK_OUTDIR=cdk.out ./app) && synthesized "$dir" go
}
step_readme() {
  for built in "dist/python/*.whl" "$VENV/bin/python" "dist/java/io" "dist/go/cdkcontactcenterresources/go.mod"; do
    compgen -G "$built" > /dev/null || { echo "FAIL: $built is missing: run the python, java and go steps first" >&2; exit 1; }
  done
  if [ ! -f .jsii.tabl.json ] || [ .jsii.tabl.json -ot .jsii ]; then
    timed "readme: jsii-rosetta compiles and translates the README examples" npx jsii-rosetta extract --compile --fail
  fi
  timed "readme: write the translated examples as programs ($OUT/readme)" ts test/bindings/readme-examples.ts "$OUT/readme"
  timed "readme: Python examples (jsii-rosetta's and the README's own) run with aws-cdk-lib from PyPI" readme_python
  timed "readme: Java examples (jsii-rosetta's) compile with javac -Werror and run" readme_java
  timed "readme: Go examples (example/go/readme) build, vet and run" readme_go
  timed "readme: the minimal Python app of the Install section runs" install_python
  timed "readme: the minimal Java app of the Install section compiles with javac -Werror and runs" install_java
  timed "readme: the minimal Go app of the Install section builds, vets and runs" install_go
}

needs() {
  for tool in "$@"; do
    command -v "$tool" > /dev/null || { echo "FAIL: $tool is not installed; the bindings need Python 3 with pip, Java 17 with Maven, and Go" >&2; exit 1; }
  done
}

[ $# -gt 0 ] || set -- python java go readme
for step in "$@"; do
  case "$step" in
    python) needs python3 && step_python ;;
    java) needs mvn java javac && step_java ;;
    go) needs go gofmt && step_go ;;
    readme) needs python3 mvn java javac go gofmt && step_readme ;;
    *) echo "unknown step '$step' (python, java, go, readme)" >&2; exit 2 ;;
  esac
done
