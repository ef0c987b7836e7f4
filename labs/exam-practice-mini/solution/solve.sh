#!/bin/sh
# Reference solution for exam-practice-mini, run in the learner's toolbox by `labs test`.
set -eu
ns=$(kubectl config view --minify -o jsonpath='{..namespace}')
kubectl scale deployment api --replicas=3
kubectl get deployment api -o jsonpath='{.spec.template.spec.containers[0].image}' > ~/answer.txt
kubectl create role pod-reader --verb=get,list,watch --resource=pods
kubectl create rolebinding reader --role=pod-reader --serviceaccount="$ns:reader"
