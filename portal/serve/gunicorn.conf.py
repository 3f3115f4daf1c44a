"""gunicorn's configuration for production and `make serve`; each value can be set from the
environment, so one machine or a hundred use the same file."""

import os

# Where to listen: behind a reverse proxy on the same machine, a local port.
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Synchronous workers: each serves one request at a time, so a machine with N cores runs about
# 2N of them. The default fits the project's 2-core machines sharing with a worker and beat.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "sync"
# A page that takes longer than this is stopped (the worker restarts) rather than left hanging.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Workers are replaced now and then, so a slow leak never grows for long.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
# Both logs to the console (stdout/stderr), where the process manager collects them.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The proxy in front sets X-Forwarded-Proto; trust it only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Load the application once, before forking the workers: less memory, faster restarts.
preload_app = True
