#!/bin/sh
# Reference solution for deployments-101, run in the learner's toolbox by `labs test`.
set -eu
kubectl create deployment web --image=nginx --replicas=2
kubectl rollout status deployment web --timeout=60s
kubectl expose deployment web --port=80
