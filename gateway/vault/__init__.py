"""Reversible pseudonymisation: placeholders, masks, the vault, and restoring answers (streams too)."""

from gateway.vault import transform
from gateway.vault.conversation import conversation_id
from gateway.vault.errors import TransformError, VaultConfigError, VaultError, VaultIntegrityError, VaultUnavailable
from gateway.vault.keys import VaultKeys
from gateway.vault.placeholders import LABELS, mask_for, placeholder
from gateway.vault.redis_store import RedisStore
from gateway.vault.restore import StreamRestorer, restore
from gateway.vault.service import Vault, open_session, open_store
from gateway.vault.session import VaultSession
from gateway.vault.store import Assignment, MemoryStore, VaultStore
from gateway.vault.transform import TransformResult, apply, apply_many

__all__ = [
    "LABELS",
    "Assignment",
    "MemoryStore",
    "RedisStore",
    "StreamRestorer",
    "TransformError",
    "TransformResult",
    "Vault",
    "VaultConfigError",
    "VaultError",
    "VaultIntegrityError",
    "VaultKeys",
    "VaultSession",
    "VaultStore",
    "VaultUnavailable",
    "apply",
    "apply_many",
    "conversation_id",
    "mask_for",
    "open_session",
    "open_store",
    "placeholder",
    "restore",
    "transform",
]
