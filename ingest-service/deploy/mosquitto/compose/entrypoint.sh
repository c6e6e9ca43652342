#!/bin/sh
# Starts Mosquitto with:
#   - the certificates of config/tls/ (make-certs.sh), copied so that only the broker's user reads the key;
#   - a password file and ACL built from .env (the service's user; the simulator's, when its password is
#     set), the static ACL next to this script, and the device credentials that the one-shot service
#     broker-credentials generated from the registry (/mosquitto/generated, optional).
# A background loop rebuilds both files when the generated ones change and tells Mosquitto to reload
# them (SIGHUP): new devices are let in without a restart.
set -eu
tls_in=/mosquitto/tls-in
certs=/mosquitto/certs
generated=/mosquitto/generated
data=/mosquitto/data
: "${INGEST_MQTT_USERNAME:?}" "${INGEST_MQTT_PASSWORD:?}"

for f in ca.crt server.crt server.key; do
    if [ ! -r "$tls_in/$f" ]; then
        echo "missing $tls_in/$f: make the certificates first (ingest-service/deploy/tls/make-certs.sh config/tls <host names>)" >&2
        exit 1
    fi
done
mkdir -p "$certs"
cp "$tls_in/ca.crt" "$tls_in/server.crt" "$tls_in/server.key" "$certs/"
chown -R mosquitto:mosquitto "$certs"
chmod 0600 "$certs/server.key"

build() {
    umask 077
    : > "$data/passwd.new"
    if [ -r "$generated/passwd" ]; then
        # the generator's service user is replaced by the one from .env
        grep -v "^${INGEST_MQTT_USERNAME}:" "$generated/passwd" >> "$data/passwd.new" || true
    fi
    mosquitto_passwd -b "$data/passwd.new" "$INGEST_MQTT_USERNAME" "$INGEST_MQTT_PASSWORD"
    if [ -n "${SIMULATOR_MQTT_PASSWORD:-}" ]; then
        mosquitto_passwd -b "$data/passwd.new" simulator "$SIMULATOR_MQTT_PASSWORD"
    fi
    cat /mosquitto/config/acl > "$data/acl.new"
    if [ -r "$generated/acl" ]; then
        printf '\n# --- generated from the registry ---\n' >> "$data/acl.new"
        cat "$generated/acl" >> "$data/acl.new"
    fi
    mv "$data/passwd.new" "$data/passwd"
    mv "$data/acl.new" "$data/acl"
    chown mosquitto:mosquitto "$data/passwd" "$data/acl"
}

stamp() {
    cat "$generated/passwd" "$generated/acl" 2>/dev/null | md5sum
}

build
chown -R mosquitto:mosquitto "$data"
mosquitto -c /mosquitto/config/mosquitto.conf &
broker=$!
trap 'kill -TERM "$broker" 2>/dev/null' TERM INT
(
    last=$(stamp)
    while kill -0 "$broker" 2>/dev/null; do
        sleep 15
        now=$(stamp)
        if [ "$now" != "$last" ]; then
            build && kill -HUP "$broker" && echo "broker credentials changed: password file and ACL reloaded"
            last=$now
        fi
    done
) &
set +e
wait "$broker"
status=$?
if kill -0 "$broker" 2>/dev/null; then
    # a stop signal interrupted the wait: let Mosquitto write its persistence file before the container ends
    wait "$broker"
    status=$?
fi
exit "$status"
