# AUTO-GENERATED — DO NOT EDIT. Run 'make generate' instead.
services:
  # etcd cluster (3 nodes)
  etcd1:
    image: quay.io/coreos/etcd:v3.5.17
    container_name: etcd1
    hostname: etcd1
    ports:
      - "${ETCD1_CLIENT_PORT}:2379"
      - "${ETCD1_PEER_PORT}:2380"
    volumes:
      - etcd1_data:/etcd-data
    networks:
      - patroni_network
    command: >
      etcd
      --name=etcd1
      --data-dir=/etcd-data
      --listen-client-urls=http://0.0.0.0:2379
      --advertise-client-urls=http://etcd1:2379
      --listen-peer-urls=http://0.0.0.0:2380
      --initial-advertise-peer-urls=http://etcd1:2380
      --initial-cluster=etcd1=http://etcd1:2380,etcd2=http://etcd2:2380,etcd3=http://etcd3:2380
      --initial-cluster-state=new
      --initial-cluster-token=etcd-cluster-1
    healthcheck:
      test: ["CMD", "etcdctl", "endpoint", "health", "--endpoints=http://localhost:2379"]
      interval: 10s
      timeout: 5s
      retries: 5
      start_period: 10s
    restart: unless-stopped

  etcd2:
    image: quay.io/coreos/etcd:v3.5.17
    container_name: etcd2
    hostname: etcd2
    ports:
      - "${ETCD2_CLIENT_PORT}:2379"
      - "${ETCD2_PEER_PORT}:2380"
    volumes:
      - etcd2_data:/etcd-data
    networks:
      - patroni_network
    command: >
      etcd
      --name=etcd2
      --data-dir=/etcd-data
      --listen-client-urls=http://0.0.0.0:2379
      --advertise-client-urls=http://etcd2:2379
      --listen-peer-urls=http://0.0.0.0:2380
      --initial-advertise-peer-urls=http://etcd2:2380
      --initial-cluster=etcd1=http://etcd1:2380,etcd2=http://etcd2:2380,etcd3=http://etcd3:2380
      --initial-cluster-state=new
      --initial-cluster-token=etcd-cluster-1
    healthcheck:
      test: ["CMD", "etcdctl", "endpoint", "health", "--endpoints=http://localhost:2379"]
      interval: 10s
      timeout: 5s
      retries: 5
      start_period: 10s
    restart: unless-stopped

  etcd3:
    image: quay.io/coreos/etcd:v3.5.17
    container_name: etcd3
    hostname: etcd3
    ports:
      - "${ETCD3_CLIENT_PORT}:2379"
      - "${ETCD3_PEER_PORT}:2380"
    volumes:
      - etcd3_data:/etcd-data
    networks:
      - patroni_network
    command: >
      etcd
      --name=etcd3
      --data-dir=/etcd-data
      --listen-client-urls=http://0.0.0.0:2379
      --advertise-client-urls=http://etcd3:2379
      --listen-peer-urls=http://0.0.0.0:2380
      --initial-advertise-peer-urls=http://etcd3:2380
      --initial-cluster=etcd1=http://etcd1:2380,etcd2=http://etcd2:2380,etcd3=http://etcd3:2380
      --initial-cluster-state=new
      --initial-cluster-token=etcd-cluster-1
    healthcheck:
      test: ["CMD", "etcdctl", "endpoint", "health", "--endpoints=http://localhost:2379"]
      interval: 10s
      timeout: 5s
      retries: 5
      start_period: 10s
    restart: unless-stopped

  # Patroni/PostgreSQL cluster
  # Base template for Patroni nodes
  patroni_base: &patroni_base
    build:
      context: ./patroni
      dockerfile: Dockerfile
    # Note: Must run as root for supervisor, but Patroni runs as postgres user via supervisor
    networks:
      - patroni_network
    depends_on:
      etcd1:
        condition: service_healthy
      etcd2:
        condition: service_healthy
      etcd3:
        condition: service_healthy
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres -p 5431 || exit 1"]
      interval: 10s
      timeout: 5s
      retries: 5
      start_period: 30s
    restart: unless-stopped

__DB_SERVICES__

  # Barman backup server
  barman:
    build:
      context: ./barman
      dockerfile: Dockerfile
    container_name: barman
    hostname: barman
    environment:
      - BARMAN_SERVER_NAME=main
      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD:?Set POSTGRES_PASSWORD in .env}
    ports:
      - "${BARMAN_PORT}:5432"
    volumes:
      - barman_data:/var/lib/barman
      - ./reports:/var/lib/barman/pgbadger-reports
      - barman_backup:/data/pg-backup
      - ./configs/barman.conf:/etc/barman.conf:ro
      - ./ssh_keys/barman_rsa:/ssh_keys/barman_rsa:ro
      - ./ssh_keys/barman_rsa.pub:/ssh_keys/barman_rsa.pub:ro
    networks:
      - patroni_network
    depends_on:
__DB_DEPENDS_ON_HEALTHY__
    healthcheck:
      test: ["CMD-SHELL", "barman check db1 --nagios 2>/dev/null || exit 1"]
      interval: 30s
      timeout: 10s
      retries: 3
      start_period: 60s
    restart: unless-stopped

  # HAProxy load balancer
  haproxy:
    image: haproxy:2.8
    container_name: haproxy
    hostname: haproxy
    ports:
      - "${HAPROXY_WRITE_PORT}:5431"  # Write endpoint (leader only)
      - "${HAPROXY_READ_PORT}:5432"  # Read endpoint (replicas)
      - "${HAPROXY_STATS_PORT}:8404"  # Stats
    volumes:
      - ./configs/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro
    networks:
      - patroni_network
    depends_on:
__DB_DEPENDS_ON_HEALTHY__
    healthcheck:
      test: ["CMD-SHELL", "haproxy -c -f /usr/local/etc/haproxy/haproxy.cfg"]
      interval: 10s
      timeout: 5s
      retries: 3
      start_period: 5s
    restart: unless-stopped

  # PgBouncer
  pgbouncer:
    image: edoburu/pgbouncer:latest
    container_name: pgbouncer
    ports:
      - "6432:6432"
    volumes:
      - ./configs/pgbouncer.ini:/etc/pgbouncer/pgbouncer.ini
    environment:
      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD:?Set POSTGRES_PASSWORD in .env}
    command: sh -c "echo '\"postgres\" \"\$POSTGRES_PASSWORD\"' > /tmp/userlist.txt && /usr/bin/pgbouncer /etc/pgbouncer/pgbouncer.ini"
    networks:
      - patroni_network
    depends_on:
      haproxy:
        condition: service_healthy
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -h 127.0.0.1 -p 6432 || exit 1"]
      interval: 10s
      timeout: 5s
      retries: 3
      start_period: 10s
    restart: unless-stopped

  # PgBouncer Read-Only (Port 6433 -> HAProxy 5432)
  pgbouncer-ro:
    image: edoburu/pgbouncer:latest
    container_name: pgbouncer-ro
    ports:
      - "6433:6432"
    volumes:
      - ./configs/pgbouncer-ro.ini:/etc/pgbouncer/pgbouncer.ini
    environment:
      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD:?Set POSTGRES_PASSWORD in .env}
    command: sh -c "echo '\"postgres\" \"\$POSTGRES_PASSWORD\"' > /tmp/userlist.txt && /usr/bin/pgbouncer /etc/pgbouncer/pgbouncer.ini"
    networks:
      - patroni_network
    depends_on:
      haproxy:
        condition: service_healthy
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -h 127.0.0.1 -p 6432 || exit 1"]
      interval: 10s
      timeout: 5s
      retries: 3
      start_period: 10s
    restart: unless-stopped

networks:
  patroni_network:
    driver: bridge

volumes:
  etcd1_data:
  etcd2_data:
  etcd3_data:
__DB_VOLUMES__
  barman_data:
  barman_backup:
