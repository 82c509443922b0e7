#!/usr/bin/env bash
# Adds a migration with the same name to both providers' sets:
#   src/Data/Migrations/add-migration.sh AddVotes
set -euo pipefail
name=${1:?usage: add-migration.sh NAME}
cd "$(dirname "$0")/../../.."
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --context SqlitePortalDb --output-dir src/Data/Migrations/Sqlite --namespace Portal.Data.Migrations.Sqlite
dotnet ef migrations add "$name" --context PostgresPortalDb --output-dir src/Data/Migrations/Postgres --namespace Portal.Data.Migrations.Postgres
# A first migration writes the snapshot under its namespace's folder; keep it beside the migrations.
for p in Sqlite Postgres; do
  if [ -f "Portal/Data/Migrations/$p/${p}PortalDbModelSnapshot.cs" ]; then
    mv "Portal/Data/Migrations/$p/${p}PortalDbModelSnapshot.cs" "src/Data/Migrations/$p/"
  fi
done
rm -rf Portal
