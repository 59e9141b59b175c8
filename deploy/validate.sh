#!/usr/bin/env bash
# Checks the deployment files without a Docker engine or a cluster: the Compose file with
# docker-compose's own parser, the Kubernetes manifests against the Kubernetes API's OpenAPI schemas
# (kubernetes-validate bundles them: offline, strict, so a misspelt field fails). Pinned tools,
# installed afresh into a temporary virtualenv.
#   deploy/validate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(mktemp -d "${TMPDIR:-/tmp}/fireline-validate-XXXXXX")
trap 'rm -rf "$tools"' EXIT
pip_install() { "$tools/$1/bin/pip" install -q --no-cache-dir --disable-pip-version-check "${@:2}"; }
python3 -m venv "$tools/k8s" && pip_install k8s kubernetes-validate==1.37.0
# docker-compose 1.29.2 (the last release with the Python parser) needs PyYAML < 6, which PyPI has
# only as source for Python 3.11; it builds with Cython < 3 and no build isolation.
python3 -m venv "$tools/compose" && pip_install compose Cython==0.29.37 wheel \
  && pip_install compose --no-build-isolation PyYAML==5.4.1 && pip_install compose docker-compose==1.29.2

echo "docker-compose.yml:"
FIRELINE_API_KEY=validate "$tools/compose/bin/docker-compose" -f docker-compose.yml config -q && echo "  valid"

echo "deploy/kubernetes (Kubernetes 1.31 and 1.37):"
# kubectl's kustomize renders what `kubectl apply -k` would apply; without kubectl the manifests the
# kustomization lists are checked one by one (the same objects, without the namespace and labels).
if command -v kubectl >/dev/null 2>&1; then
  kubectl kustomize deploy/kubernetes > "$tools/rendered.yaml"
else
  for f in $(sed -n 's/^  - \([a-z-]*\.yaml\)$/\1/p' deploy/kubernetes/kustomization.yaml); do
    cat "deploy/kubernetes/$f"; echo "---"
  done > "$tools/rendered.yaml"
fi
for version in 1.31.0 1.37.0; do
  "$tools/k8s/bin/kubernetes-validate" --strict --quiet -k "$version" "$tools/rendered.yaml"
done
echo "  $(grep -c '^kind:' "$tools/rendered.yaml") objects valid"
