#!/usr/bin/env bash
# Installs what the engine and terminal test suites need on a fresh Debian 12 machine
# (run as root). Idempotent: installed packages are skipped, and apt-get update runs once,
# only when something is missing. Starts no daemon: tests run their own dockerd and sshd.
set -euo pipefail

packages=(docker.io busybox-static tmux openssh-server openssh-client procps iproute2)

missing=()
for pkg in "${packages[@]}"; do
	if [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != 'install ok installed' ]; then
		missing+=("$pkg")
	fi
done

if [ "${#missing[@]}" -eq 0 ]; then
	echo "install-test-deps: all present (${packages[*]})"
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install-test-deps: missing ${missing[*]}; run this script as root to install them" >&2
	exit 1
fi

echo "install-test-deps: installing ${missing[*]}"

# Keep package scripts from starting dockerd, containerd or sshd (Debian's policy-rc.d
# protocol, honoured by invoke-rc.d and deb-systemd-invoke). An existing policy is kept.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' >"$policy"
	chmod 755 "$policy"
	trap 'rm -f "$policy"' EXIT
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y "${missing[@]}"
echo "install-test-deps: done"
