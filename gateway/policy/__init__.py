"""The municipality's rulebook: load, validate, evaluate and hot-reload YAML policies."""

from gateway.policy.catalog import Catalog
from gateway.policy.decision import Action, Decision, EntityAction, ModelInfo
from gateway.policy.engine import Policy
from gateway.policy.errors import PolicyError, PolicyIssue
from gateway.policy.loader import default_policy_path, load_policy, policies_dir
from gateway.policy.store import PolicyStore

__all__ = [
    "Action",
    "Catalog",
    "Decision",
    "EntityAction",
    "ModelInfo",
    "Policy",
    "PolicyError",
    "PolicyIssue",
    "PolicyStore",
    "default_policy_path",
    "load_policy",
    "policies_dir",
]
