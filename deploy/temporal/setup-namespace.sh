#!/bin/sh
# One-shot (temporal-init service, temporalio/admin-tools image), run once
# the Temporal server is up: creates the Fireline namespace if it is missing
# and registers Fireline's custom search attributes (Keyword type) in it.
# Idempotent: existing namespace/attributes are left alone, so it is safe on
# every `docker compose up`.
#
# Env: TEMPORAL_ADDRESS (host:port), TEMPORAL_NAMESPACE,
#      TEMPORAL_NAMESPACE_RETENTION (e.g. 168h), FIRELINE_SEARCH_ATTRIBUTE_NAMES
set -eu

NAMESPACE=${TEMPORAL_NAMESPACE:-default}
RETENTION=${TEMPORAL_NAMESPACE_RETENTION:-168h}
ATTRIBUTES=${FIRELINE_SEARCH_ATTRIBUTE_NAMES:-FirelineSeverity FirelineStage FirelineService}
ADDRESS=${TEMPORAL_ADDRESS:-temporal:7233}

HOST=${ADDRESS%:*}
PORT=${ADDRESS##*:}

# Resolve the host to an IPv4 address first: the upstream Temporal compose
# setup (temporalio/samples-server) does the same to avoid the CLI picking an
# address the server does not listen on.
IP=$(getent ahosts "$HOST" 2>/dev/null | awk '/STREAM/ && $1 ~ /^[0-9.]+$/ { print $1; exit }')
if [ -n "$IP" ]; then
  ADDRESS="$IP:$PORT"
fi
echo "Temporal frontend: $ADDRESS (namespace '$NAMESPACE')"

i=0
until temporal operator cluster health --address "$ADDRESS" >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -ge 60 ]; then
    echo "Temporal server did not become healthy in time" >&2
    exit 1
  fi
  echo "Waiting for the Temporal server... ($i)"
  sleep 3
done
echo "Temporal server is healthy"

if temporal operator namespace describe --namespace "$NAMESPACE" --address "$ADDRESS" >/dev/null 2>&1; then
  echo "Namespace '$NAMESPACE' already exists"
else
  echo "Creating namespace '$NAMESPACE' (retention $RETENTION)"
  temporal operator namespace create --namespace "$NAMESPACE" \
    --retention "$RETENTION" --address "$ADDRESS"
fi

# Newly created namespaces can take a moment to be visible to every service.
i=0
until temporal operator namespace describe --namespace "$NAMESPACE" --address "$ADDRESS" >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -ge 30 ]; then
    echo "Namespace '$NAMESPACE' is not visible" >&2
    exit 1
  fi
  sleep 2
done

has_attribute() {
  temporal operator search-attribute list --namespace "$NAMESPACE" --address "$ADDRESS" 2>/dev/null \
    | grep -qw "$1"
}

for name in $ATTRIBUTES; do
  if has_attribute "$name"; then
    echo "Search attribute $name already exists"
    continue
  fi
  echo "Creating search attribute $name (Keyword)"
  if ! out=$(temporal operator search-attribute create --namespace "$NAMESPACE" \
      --name "$name" --type Keyword --address "$ADDRESS" 2>&1); then
    # Tolerate a concurrent creation (e.g. by the apps' own registration).
    if echo "$out" | grep -qi 'already exists' || has_attribute "$name"; then
      echo "Search attribute $name already exists"
    else
      echo "$out" >&2
      exit 1
    fi
  fi
done

echo "Temporal namespace and search attributes are ready"
