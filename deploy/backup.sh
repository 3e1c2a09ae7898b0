#!/usr/bin/env bash
# Nightly backup of the embedded database: `crm backup` (VACUUM INTO, consistent while the server
# runs) into BACKUP_DIR, then files older than KEEP_DAYS days are deleted.
# Run by deploy/crm-backup.timer; by hand: sudo -u crm /opt/crm/deploy/backup.sh
set -euo pipefail

CRM_DIR=${CRM_DIR:-/opt/crm}
BACKUP_DIR=${BACKUP_DIR:-/var/backups/crm}
KEEP_DAYS=${KEEP_DAYS:-14}

mkdir -p "$BACKUP_DIR"
chmod 0700 "$BACKUP_DIR"
target="$BACKUP_DIR/crm-$(date -u +%Y-%m-%dT%H%M%SZ).db"
node "$CRM_DIR/dist/crm.js" backup "$target"
# Retention: only after a new backup was written, so a failing backup never empties the folder.
find "$BACKUP_DIR" -maxdepth 1 -type f -name 'crm-*.db' -mtime +"$KEEP_DAYS" -print -delete
