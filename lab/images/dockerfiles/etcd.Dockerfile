# etcd server and etcdctl from Debian's packages: the local stand-in for
# quay.io/coreos/etcd (ETCD_IMAGE). The compose file gives the command
# (`etcd --name=...`) and its healthcheck runs `etcdctl`, so both must be on PATH.
ARG BASE_IMAGE=pglab/debian:trixie
FROM ${BASE_IMAGE}
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends etcd-server etcd-client; \
    rm -rf /var/lib/apt/lists/*; \
    command -v etcd; command -v etcdctl
EXPOSE 2379 2380
CMD ["etcd"]
