#!/bin/sh
# Creates or updates the service's (and, when set, the simulator's) broker user from the
# environment, then starts Mosquitto. Device users are added with:
#   docker-compose exec mosquitto mosquitto_passwd -b /mosquitto/data/passwd <deviceId> <password>
set -eu
passwd=/mosquitto/data/passwd
touch "$passwd"
chmod 0700 "$passwd"
: "${INGEST_MQTT_USERNAME:?}" "${INGEST_MQTT_PASSWORD:?}"
mosquitto_passwd -b "$passwd" "$INGEST_MQTT_USERNAME" "$INGEST_MQTT_PASSWORD"
if [ -n "${SIMULATOR_MQTT_PASSWORD:-}" ]; then
    mosquitto_passwd -b "$passwd" simulator "$SIMULATOR_MQTT_PASSWORD"
fi
chown -R mosquitto:mosquitto /mosquitto/data
exec mosquitto -c /mosquitto/config/mosquitto.conf
