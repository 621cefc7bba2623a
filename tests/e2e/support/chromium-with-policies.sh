#!/bin/sh
# Runs /usr/bin/chromium in a private mount namespace in which /etc/chromium/policies is
# $CHROMIUM_POLICY_DIR (a directory holding managed/*.json). Needs root (CAP_SYS_ADMIN).
# The host's /etc is not modified and no other process sees these policies.
[ -d "$CHROMIUM_POLICY_DIR" ] || { echo "CHROMIUM_POLICY_DIR is not a directory" >&2; exit 1; }
exec unshare --mount --propagation private sh -ec '
  # /etc/chromium/policies may not exist on the host: mount a tmpfs over /etc/chromium (in this
  # namespace only), put the original files back, then bind the policy directory in.
  stage=$(mktemp -d)
  cp -a /etc/chromium/. "$stage"/
  mount -t tmpfs tmpfs /etc/chromium
  cp -a "$stage"/. /etc/chromium/
  rm -rf "$stage"
  mkdir -p /etc/chromium/policies
  mount --bind "$CHROMIUM_POLICY_DIR" /etc/chromium/policies
  exec /usr/bin/chromium "$@"' sh "$@"
