# notifyd in a container: see README.md, "Running notifyd on a server". No compiler is needed: every dependency
# ships as a wheel, and the build stage (with pip's caches and the source) is left behind.
FROM python:3.12-slim-bookworm AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
COPY . /src
# The rules (notifyd/understand/rules) ship inside the wheel; `notifyd check`
# proves the installed package finds and loads them.
RUN python -m venv /opt/notifyd \
 && /opt/notifyd/bin/pip install --no-cache-dir /src \
 && /opt/notifyd/bin/pip uninstall --yes pip \
 && /opt/notifyd/bin/notifyd --config /dev/null check


FROM python:3.12-slim-bookworm

LABEL org.opencontainers.image.title="notifyd" \
      org.opencontainers.image.description="Alerts on Amazon seller performance notices from IMAP mailboxes"

# Configuration: mount a file at /etc/notifyd/notifyd.toml, or leave the empty one and set
# NOTIFYD_* variables. Secrets: Docker/Compose secrets named like systemd credentials
# (mailbox-<name>-password, channel-<name>-url) land in /run/secrets, read as credentials.
ENV PATH=/opt/notifyd/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    NOTIFYD_CONFIG=/etc/notifyd/notifyd.toml \
    NOTIFYD_DATABASE=/var/lib/notifyd/notifyd.db \
    CREDENTIALS_DIRECTORY=/run/secrets

COPY --from=build /opt/notifyd /opt/notifyd
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/notifyd --shell /usr/sbin/nologin notifyd \
 && mkdir -p /etc/notifyd /var/lib/notifyd \
 && printf '%s\n' '# Mount your notifyd.toml here, or configure notifyd with NOTIFYD_* variables.' > /etc/notifyd/notifyd.toml \
 && chown notifyd:notifyd /var/lib/notifyd \
 && chmod 0700 /var/lib/notifyd

USER 10001:10001
WORKDIR /var/lib/notifyd
# The database (ledger, notices, outbox, response log) must outlive the container.
VOLUME ["/var/lib/notifyd"]

# `notifyd status` exits non-zero while a mailbox fails, polls stopped, or the outbox backs up.
HEALTHCHECK --interval=1m --timeout=30s --start-period=2m --retries=3 CMD ["notifyd", "status"]

# SIGTERM (docker stop) finishes the message in hand, flushes the outbox and exits 0 within
# 10 s, Docker's default grace period; SIGHUP (docker kill -s HUP) reloads the configuration.
STOPSIGNAL SIGTERM
ENTRYPOINT ["notifyd"]
CMD ["run"]
