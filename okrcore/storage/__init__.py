"""Where workshops are kept: the repository interface and its adapters, backups, migrations."""
