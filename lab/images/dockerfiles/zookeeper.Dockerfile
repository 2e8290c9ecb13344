# ZooKeeper from Debian's package: the local stand-in for the official
# zookeeper image (ZOOKEEPER_IMAGE) on machines that cannot pull it. Like
# that image it is standalone on 2181, keeps its data in /data, logs to the
# console and runs as an unprivileged user; srvr and ruok are allowed, so
# `pglab status` can tell its mode.
ARG BASE_IMAGE=pglab/debian:trixie
FROM ${BASE_IMAGE}
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends zookeeper; \
    rm -rf /var/lib/apt/lists/*; \
    mkdir -p /data /datalog; \
    chown zookeeper:zookeeper /data /datalog; \
    printf '%s\n' \
        '# Written by the pglab/zookeeper image: standalone, as the lab runs it.' \
        'tickTime=2000' 'initLimit=10' 'syncLimit=5' \
        'dataDir=/data' 'dataLogDir=/datalog' 'clientPort=2181' \
        'admin.enableServer=false' \
        '4lw.commands.whitelist=ruok,srvr,stat,mntr' \
        > /etc/zookeeper/conf/zoo.cfg; \
    test -x /usr/share/zookeeper/bin/zkServer.sh
# The console appender, as the official image does: `docker logs zoo` shows the server.
ENV ZOO_LOG4J_PROP=INFO,CONSOLE \
    JVMFLAGS="-Xmx128m -Dzookeeper.root.logger=INFO,CONSOLE -Dzookeeper.console.threshold=INFO"
VOLUME ["/data", "/datalog"]
USER zookeeper
WORKDIR /data
EXPOSE 2181
CMD ["/usr/share/zookeeper/bin/zkServer.sh", "start-foreground"]
