scope: service
namespace: /service/
name: __NODE__

restapi:
  listen: 0.0.0.0:8008
  connect_address: __NODE__:8008

etcd:
  hosts: etcd1:2379,etcd2:2379,etcd3:2379

bootstrap:
  dcs:
    ttl: 30
    loop_wait: 10
    retry_timeout: 10
    maximum_lag_on_failover: 1048576
    postgresql:
      use_pg_rewind: true

  initdb:
  - encoding: UTF8
  - data-checksums

  pg_hba:
  - host replication replicator 127.0.0.1/32 md5
  - host all all 0.0.0.0/0 md5

postgresql:
  listen: 0.0.0.0:5432
  connect_address: __NODE__:5432
  data_dir: /opt/postgres/data
  pgpass: /tmp/pgpass0
  authentication:
    replication:
      username: replicator
      password: __REPL_PASS__
    superuser:
      username: postgres
      password: __SUPER_PASS__
    rewind:
      username: rewind_user
      password: rewind_password
  parameters:
    unix_socket_directories: '..'

tags:
  nofailover: false
  noloadbalance: false
  clonefrom: false
  nosync: false
