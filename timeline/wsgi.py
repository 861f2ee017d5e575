"""WSGI entry point: ``gunicorn timeline.wsgi``."""

import logging
import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")

application = get_wsgi_application()


def _warm_up() -> None:
    """Build the timeline's event index as the worker starts, so that the first reader does not
    wait for it (seconds at a million events). A request that arrives meanwhile waits for this
    build rather than starting another."""
    from django.db import connections

    from timeline.queries import current_index

    try:
        current_index()
    except Exception:  # the database may not be up yet; the first request will build it
        logging.getLogger(__name__).warning("Event index not built at start-up", exc_info=True)
    finally:
        connections.close_all()


threading.Thread(target=_warm_up, name="timeline-index-warm-up", daemon=True).start()
