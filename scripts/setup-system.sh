#!/usr/bin/env bash
# Install the system packages the tests need, if they are missing: Debian's Chromium (the real
# browser for the accessibility tests) and poppler-utils + qpdf (to read the PDF back).
# The build itself needs none of these: its fonts and image library come from npm.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing system packages for the tests: ${need[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "error: ${need[*]} missing and this user cannot install packages; run as root: apt-get install -y ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "Installed: ${need[*]}"
