# PostgreSQL PG_MAJOR from Debian's own packages: the local stand-in for the
# official postgres image (PG_BASE_IMAGE) on machines that cannot pull it.
ARG BASE_IMAGE=pglab/debian:trixie
FROM ${BASE_IMAGE}
ARG PG_MAJOR=17
# postgresql-common would initdb a "main" cluster at install time; Patroni
# makes its own, so do what the official image does and turn that off.
RUN set -eux; \
    mkdir -p /etc/postgresql-common/createcluster.d; \
    echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/pglab.conf; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        "postgresql-${PG_MAJOR}" "postgresql-client-${PG_MAJOR}"; \
    rm -rf /var/lib/apt/lists/*; \
    test -x "/usr/lib/postgresql/${PG_MAJOR}/bin/postgres"; \
    id postgres
ENV PG_MAJOR=${PG_MAJOR} \
    PATH=${PATH}:/usr/lib/postgresql/${PG_MAJOR}/bin
CMD ["bash"]
