from .migrator import LiveMigrator
from .errors import MigrationError

__all__ = ["LiveMigrator", "MigrationError"]
