#!/usr/bin/env bash
# Writes (or refreshes) one context of Hubguard's kubeconfig: the managed cluster's address and CA, taken from
# your own kubeconfig context, and a token for the ServiceAccount hubguard/hubguard from the TokenRequest API
# (`kubectl create token`). No long-lived token Secret is created.
#
#   deploy/cluster-access/make-kubeconfig.sh <your-context> <catalogue-kubeContext> [kubeconfig-file] [duration]
#
#   your-context           a context of yours, with rights to create tokens in the namespace hubguard
#   catalogue-kubeContext  the name the catalogue's `kubeContext:` uses for this cluster
#   kubeconfig-file        Hubguard's kubeconfig, created or updated (default ./hubguard-kubeconfig)
#   duration               token lifetime (default 720h); the API server may shorten it: the expiry printed is real
#
# Rotation: run it again before the token expires (the expiry is printed) and deploy the file again (README,
# "Deploying": the kubeconfig Secret changes, the pods roll). An earlier token stays valid until its expiry;
# to revoke every token at once, delete and re-create the ServiceAccount
# (kubectl -n hubguard delete serviceaccount hubguard && kubectl apply -k deploy/cluster-access), then run this.
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
source_context="$1"
target_context="$2"
out="${3:-hubguard-kubeconfig}"
duration="${4:-720h}"
namespace=hubguard
account=hubguard

field() {
  kubectl config view --raw --minify --flatten --context "$source_context" -o "jsonpath=$1"
}
server="$(field '{.clusters[0].cluster.server}')"
ca_data="$(field '{.clusters[0].cluster.certificate-authority-data}')"
tls_server_name="$(field '{.clusters[0].cluster.tls-server-name}')"
if [ -z "$server" ]; then
  echo "context $source_context names no cluster address" >&2
  exit 1
fi

token="$(kubectl --context "$source_context" -n "$namespace" create token "$account" --duration "$duration")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
touch "$out"
chmod 600 "$out"
cluster_args=(--server "$server")
if [ -n "$ca_data" ]; then
  printf '%s' "$ca_data" | base64 -d >"$work/ca.crt"
  cluster_args+=(--certificate-authority "$work/ca.crt" --embed-certs=true)
fi
if [ -n "$tls_server_name" ]; then
  cluster_args+=(--tls-server-name "$tls_server_name")
fi
kubectl config --kubeconfig "$out" set-cluster "$target_context" "${cluster_args[@]}" >/dev/null
kubectl config --kubeconfig "$out" set-credentials "hubguard@$target_context" --token "$token" >/dev/null
kubectl config --kubeconfig "$out" set-context "$target_context" --cluster "$target_context" \
  --user "hubguard@$target_context" >/dev/null

# The token's expiry, from its claims (a JWT: header.claims.signature, base64url without padding).
claims="$(printf '%s' "$token" | cut -d. -f2 | tr '_-' '/+')"
while [ $(( ${#claims} % 4 )) -ne 0 ]; do claims="$claims="; done
expires="$(printf '%s' "$claims" | base64 -d 2>/dev/null | sed -n 's/.*"exp":\([0-9]*\).*/\1/p')"
if [ -n "$expires" ]; then
  echo "context $target_context written to $out; token expires $(date -u -d "@$expires" '+%Y-%m-%d %H:%M UTC')"
else
  echo "context $target_context written to $out"
fi
