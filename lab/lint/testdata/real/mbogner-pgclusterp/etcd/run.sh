#!/bin/bash
#
# Copyright 2022 mbo.dev
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
# http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
#

HostName=$(hostname)
HostIP=$IP
if [ "" == "$HostIP" ]; then
  HostIP=$(hostname --ip-address | sed 's/.* //')
fi
echo "host $HostName ${HostIP}"
etcd -name "$HostName" \
  -advertise-client-urls "http://${HostIP}:2379" \
  -listen-client-urls "http://${HostIP}:2379,http://127.0.0.1:2379" \
  -initial-advertise-peer-urls "http://${HostIP}:2380" \
  -listen-peer-urls "http://${HostIP}:2380" \
  -initial-cluster "etcd1=http://172.18.0.100:2380,etcd2=http://172.18.0.101:2380,etcd3=http://172.18.0.102:2380," \
  -initial-cluster-token "${CLUSTER_NAME}" \
  -initial-cluster-state "new" \
  --data-dir=/data/etcd
