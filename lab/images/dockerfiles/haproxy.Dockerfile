# HAProxy from Debian's package: the local stand-in for the official haproxy
# image (HAPROXY_IMAGE). Like that image it reads
# /usr/local/etc/haproxy/haproxy.cfg (the compose file mounts it there),
# stops gracefully on SIGUSR1 and runs as the unprivileged haproxy user.
ARG BASE_IMAGE=pglab/debian:trixie
FROM ${BASE_IMAGE}
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends haproxy; \
    rm -rf /var/lib/apt/lists/*; \
    mkdir -p /usr/local/etc/haproxy /var/lib/haproxy; \
    id haproxy; haproxy -v
STOPSIGNAL SIGUSR1
USER haproxy
WORKDIR /var/lib/haproxy
CMD ["haproxy", "-W", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]
