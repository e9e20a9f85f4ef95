"""The shared upstream session reads the proxy from the environment once per upstream, as httpx did."""

from __future__ import annotations

import pytest

from gateway.upstream.http import proxy_for


@pytest.mark.parametrize(
    ("env", "url", "proxy"),
    [
        ({}, "https://api.example.jp/v1", None),
        ({"HTTPS_PROXY": "http://proxy.city.lg.jp:8080"}, "https://api.example.jp/v1", "http://proxy.city.lg.jp:8080"),
        ({"HTTPS_PROXY": "http://proxy.city.lg.jp:8080"}, "http://onprem.city.lg.jp/v1", None),
        ({"HTTP_PROXY": "http://proxy.city.lg.jp:8080"}, "http://onprem.city.lg.jp/v1", "http://proxy.city.lg.jp:8080"),
        ({"HTTPS_PROXY": "http://proxy:8080", "NO_PROXY": "example.jp"}, "https://api.example.jp/v1", None),
        ({"HTTPS_PROXY": "http://proxy:8080", "NO_PROXY": "other.jp"}, "https://api.example.jp/v1", "http://proxy:8080"),
    ],
)
def test_the_proxy_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], url: str, proxy: str | None) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "no_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert proxy_for(url) == proxy
