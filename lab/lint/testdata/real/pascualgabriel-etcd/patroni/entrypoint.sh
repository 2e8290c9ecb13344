#!/bin/bash

patroni /etc/patroni/patroni.yaml
