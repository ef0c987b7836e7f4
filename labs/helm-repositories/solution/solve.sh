#!/bin/sh
# Reference solution for helm-repositories, run in the learner's toolbox by `labs test`.
set -eu
helm repo add labs "$LABS_CHARTS"
helm install site labs/webapp --version 1.0.0 --set replicaCount=2 --wait --timeout 2m
helm upgrade site labs/webapp --version 1.1.0 --reuse-values --wait --timeout 2m
