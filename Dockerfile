# Sekisho gateway image. Everything is installed at build time (sudachidict-core is a pip package);
# nothing is downloaded when the container runs, so it works on a closed municipal network.
#
# Two mounts: the config directory read-only at /etc/sekisho (sekisho.yaml, keys.yaml, a policy copy;
# relative paths in the config resolve there), and a volume at /var/lib/sekisho for what the gateway
# writes (audit.dir must be an absolute path under it, as in examples/docker/sekisho.yaml). The bundled
# demo config keeps the demo key and refuses a non-loopback bind, so a config must be mounted:
#   docker build -t sekisho .
#   docker run -p 8000:8000 -v "$PWD/examples/docker:/etc/sekisho:ro" -v sekisho-data:/var/lib/sekisho \
#       -e SEKISHO_AUDIT_HMAC_KEY sekisho
# README.md ("Running in a container") has the steps; tests/gateway/test_docker_paths.py keeps these consistent.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    LITELLM_LOCAL_MODEL_COST_MAP=True \
    LITELLM_OFFLINE_MODE=true \
    LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS=True \
    HF_HUB_OFFLINE=1 \
    TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS= \
    SEKISHO_CONFIG=/etc/sekisho/sekisho.yaml

WORKDIR /src
COPY pyproject.toml constraints.txt README.md ./
COPY gateway ./gateway
COPY detectors ./detectors
# The shipped policies install as data files under <prefix>/share/sekisho/policies (pyproject.toml),
# where the policy loader looks when it is not running from a source tree.
COPY policies ./policies
RUN pip install -c constraints.txt . && rm -rf /src

RUN useradd --system --uid 10001 --home-dir /var/lib/sekisho --shell /usr/sbin/nologin sekisho \
    && mkdir -p /var/lib/sekisho /etc/sekisho \
    && chown sekisho:sekisho /var/lib/sekisho
USER sekisho
# The gateway writes only here (audit records, the audit .hmac_key when no key is given): keep it on a volume.
# Relative paths in the config resolve next to the config file (/etc/sekisho), not here.
WORKDIR /var/lib/sekisho
VOLUME ["/var/lib/sekisho"]
EXPOSE 8000

CMD ["sekisho", "serve", "--host", "0.0.0.0"]
