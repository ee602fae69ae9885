"""gunicorn settings for Kennisbank: `gunicorn -c python:kennisbank.gunicorn_conf kennisbank.wsgi`.

The application is imported once in the master and the workers are forked from it, so the ~100
MB that Django, Wagtail and their libraries take after start-up are shared between workers
instead of paid per worker; `when_ready` adds what the workers would each load on their first
requests (kennisbank/core/preload.py). `gc.freeze()` keeps the garbage collector from touching
(and so copying) those shared objects in every worker."""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
preload_app = True
# Recycling bounds any slow growth of a worker's memory.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    # Runs in the master after the preloaded application, before the first fork.
    if server.cfg.preload_app:
        from kennisbank.core.preload import preload

        preload()


def pre_fork(server, worker):
    gc.freeze()


def post_fork(server, worker):
    # Connections must not be shared with the master; Django opens its own per worker.
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
