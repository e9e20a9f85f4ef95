"""Deployments, fallbacks, router and limits settings: strict, with file:line:col errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gateway.config import ConfigError, load_config

OPENAI = {"type": "openai", "base_url": "http://127.0.0.1:9/v1"}


def models(*extra: dict[str, Any]) -> dict[str, Any]:
    return {"models": [{"name": "local", "zone": "onprem", "upstream": OPENAI}, *extra]}


@pytest.mark.parametrize(
    ("model", "where", "message"),
    [
        ({"name": "dom", "zone": "domestic", "upstream": OPENAI, "fallbacks": ["nowhere"]}, ":11:5: models[1].fallbacks[0]", "'nowhere' is not another configured model"),
        ({"name": "dom", "zone": "domestic", "upstream": OPENAI, "fallbacks": ["dom"]}, ":11:5: models[1].fallbacks[0]", "'dom' is not another"),
        ({"name": "dom", "zone": "domestic", "deployments": [{"zone": "overseas", "upstream": OPENAI}]}, ":10:5: models[1].deployments[0].zone", "more exposed than the model's zone domestic"),
        ({"name": "dom", "zone": "domestic", "upstream": OPENAI, "deployments": [{"upstream": OPENAI}]}, ":7:3: models[1]", "either `upstream` or `deployments`"),
        ({"name": "dom", "zone": "domestic", "deployments": [{"upstream": OPENAI, "weight": 0}]}, ":11:5: models[1].deployments[0].weight", "greater than 0"),
        ({"name": "dom", "zone": "domestic", "deployments": [{"id": "local", "upstream": OPENAI}]}, ":10:5: models[1].deployments[0].id", "used twice"),
        ({"name": "dom", "zone": "domestic", "deployments": [{"upstream": OPENAI, "wieght": 2}]}, ":11:5: models[1].deployments[0].wieght", "Extra inputs"),
    ],
)
def test_bad_routing_config_names_file_line_and_field(tmp_config: Callable[..., Path], model: dict[str, Any], where: str, message: str) -> None:
    path = tmp_config(models(model))
    with pytest.raises(ConfigError) as err:
        load_config(path)
    text = str(err.value)
    assert f"{path}{where}" in text and message in text, text


@pytest.mark.parametrize(
    ("limits", "where", "message"),
    [
        ({"departments": {"税務課": {"rpm": -1}}}, "limits.departments.税務課.rpm", "greater than or equal to 0"),
        ({"departments": {"税務課": {"budget_yen": 1000, "soft_ratio": 1.5}}}, "limits.departments.税務課.soft_ratio", "less than or equal to 1"),
        ({"keys": {"staff": {"rpmm": 3}}}, "limits.keys.staff.rpmm", "Extra inputs"),
        ({"timezone": "Asia/Tokyo"}, "limits.timezone", "a UTC offset such as +09:00"),
    ],
)
def test_bad_limits_are_located(tmp_config: Callable[..., Path], limits: dict[str, Any], where: str, message: str) -> None:
    path = tmp_config({**models(), "limits": limits})
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert where in str(err.value) and message in str(err.value) and f"{path}:" in str(err.value)


def test_a_single_upstream_is_one_deployment_with_the_model_zone_and_prices(tmp_config: Callable[..., Path]) -> None:
    cfg, _ = load_config(tmp_config(models({
        "name": "gpt", "zone": "overseas", "prices": {"input_per_mtok": 300},
        "deployments": [{"upstream": OPENAI}, {"id": "jp", "zone": "domestic", "weight": 3, "upstream": OPENAI, "prices": {"input_per_mtok": 100}}],
    })))  # fmt: skip
    gpt = cfg.model("gpt")
    assert gpt is not None
    assert [(d.id, d.zone, d.weight, d.prices.input_per_mtok if d.prices else None) for d in gpt.deployment_list()] == [
        ("gpt#0", "overseas", 1.0, 300), ("jp", "domestic", 3.0, 100)
    ]  # fmt: skip
    local = cfg.model("local")
    assert local is not None and [d.id for d in local.deployment_list()] == ["local"]
