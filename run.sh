#!/usr/bin/env bash
# Runs the Labs platform with its embedded cluster and prints the URL to open.
# Extra arguments go to the host, e.g. ./run.sh --Cluster:Kubeconfig ~/.kube/config
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-prerequisites.sh run
exec dotnet run --project src/Labs.Web -c Release -- "$@"
