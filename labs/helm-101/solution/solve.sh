#!/bin/sh
# Reference solution for helm-101, run in the learner's toolbox by `labs test`.
set -eu
helm install shop ~/charts/shop --set replicaCount=2 --wait --timeout 2m
helm upgrade shop ~/charts/shop --reuse-values --set image.tag=1.26 --wait --timeout 2m
helm rollback shop 1 --wait --timeout 2m
