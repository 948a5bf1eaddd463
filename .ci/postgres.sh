#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages when missing, starts the cluster and makes sure the
# role tiendo (password tiendo) exists. Sourced by .ci/run and benchmarks/reproduce.sh.
export DEBIAN_FRONTEND=noninteractive
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
PG_VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^${PG_VERSION} main"; then
  pg_createcluster "$PG_VERSION" main >/dev/null
fi
pg_ctlcluster "$PG_VERSION" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
su postgres -c "psql -qtc \"SELECT 1 FROM pg_roles WHERE rolname='tiendo'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE tiendo LOGIN SUPERUSER PASSWORD 'tiendo'\""

# A fresh database owned by tiendo: fresh_database NAME
fresh_database() {
  su postgres -c "psql -qc 'DROP DATABASE IF EXISTS $1'"
  su postgres -c "psql -qc 'CREATE DATABASE $1 OWNER tiendo'"
}
