#!/bin/bash

docker build -f Dockerfile -t patroni .
