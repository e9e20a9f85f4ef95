"""Map a validation error's field path back to a line and column in the YAML source."""

from __future__ import annotations

from collections.abc import Sequence

import yaml


def locate(text: str, path: Sequence[str | int]) -> tuple[int, int]:
    """1-based (line, column) of the node at `path`, or of its nearest existing parent."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return 1, 1
    if node is None:
        return 1, 1
    best = node.start_mark
    for key in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    best, child = k.start_mark, v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
            best = child.start_mark
        if child is None:
            break
        node = child
    return best.line + 1, best.column + 1
