#!/bin/sh
# Makes a private certificate authority and a server certificate for the named hosts, with openssl only
# and no network access: for a closed network where no public CA can reach the hosts.
#
#   ingest-service/deploy/tls/make-certs.sh DIR HOST [HOST...]
#   e.g. make-certs.sh config/tls envmon.county.local 10.20.0.5
#
# Writes into DIR:
#   ca.crt       the CA certificate: install it on devices, browsers and Grafana users' machines
#   ca.key       the CA's key: keep it offline; made once, reused on later runs (so old certificates stay valid)
#   server.crt   certificate for every HOST (DNS names and IP addresses), signed by the CA, with the chain
#   server.key   its key (Mosquitto, nginx)
#   server.p12   the key and certificate as PKCS12, for the service's HJ 212 TLS listener
#   server.p12.password   the PKCS12 password (or P12_PASSWORD from the environment)
# Environment: CA_NAME, CA_DAYS (3650), CERT_DAYS (825), CERT_NAME (server), P12_PASSWORD.
set -eu

if [ $# -lt 2 ]; then
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
dir=$1
shift
name=${CERT_NAME:-server}
mkdir -p "$dir"
umask 077

san=""
for host in "$@"; do
    case "$host" in
        *[!0-9.]*:* | *:*) kind=IP ;;   # IPv6
        *[!0-9.]*) kind=DNS ;;
        *) kind=IP ;;
    esac
    san="${san:+$san,}$kind:$host"
done

if [ ! -f "$dir/ca.key" ]; then
    openssl req -x509 -new -newkey rsa:3072 -sha256 -nodes \
        -keyout "$dir/ca.key" -out "$dir/ca.crt" -days "${CA_DAYS:-3650}" \
        -subj "/O=Urad environmental monitoring/CN=${CA_NAME:-Urad envmon private CA}" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -addext "subjectKeyIdentifier=hash" 2>/dev/null
    echo "new CA: $dir/ca.crt (keep $dir/ca.key offline once all certificates are made)"
fi

cat > "$dir/$name.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
subjectAltName=$san
EXT
openssl req -new -newkey rsa:2048 -sha256 -nodes -keyout "$dir/$name.key" -out "$dir/$name.csr" \
    -subj "/O=Urad environmental monitoring/CN=$1" 2>/dev/null
openssl x509 -req -sha256 -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -days "${CERT_DAYS:-825}" -extfile "$dir/$name.ext" -out "$dir/$name.crt" 2>/dev/null
rm -f "$dir/$name.csr" "$dir/$name.ext"

password=${P12_PASSWORD:-$(openssl rand -hex 16)}
printf '%s\n' "$password" > "$dir/$name.p12.password"
P12_PASSWORD=$password openssl pkcs12 -export -name "$name" -inkey "$dir/$name.key" -in "$dir/$name.crt" \
    -certfile "$dir/ca.crt" -out "$dir/$name.p12" -passout env:P12_PASSWORD

# certificates are public; keys stay owner-only. The containers read them as root (nginx, the broker's
# entrypoint) or, for server.p12, as the service's user: see the README's quick start.
chmod 0644 "$dir/ca.crt" "$dir/$name.crt"
openssl verify -CAfile "$dir/ca.crt" "$dir/$name.crt" >/dev/null
echo "$dir/$name.crt for $san, valid ${CERT_DAYS:-825} days, signed by $dir/ca.crt"
