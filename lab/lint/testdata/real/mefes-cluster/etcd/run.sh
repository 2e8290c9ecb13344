#!/bin/bash
systemctl enable etcd
systemctl start etcd