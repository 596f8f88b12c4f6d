"""ASGI entry point: HTTP goes to Django, WebSockets to the apps' consumers.

Under daphne, SIGTERM stops the site gently and within a few seconds (lms/shutdown.py).
"""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
# Load Django (and its app registry) before anything that imports models.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from lms.routing import websocket_urlpatterns  # noqa: E402
from lms.shutdown import GentleStop  # noqa: E402

application = GentleStop(
    ProtocolTypeRouter(
        {
            "http": django_asgi_app,
            "websocket": AllowedHostsOriginValidator(
                AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
            ),
        }
    )
)

# Everything loaded so far (Django, Wagtail, every app) lives as long as the process:
# keep it out of the collector's full passes. Under 500 classroom sockets a full pass
# took 90-120 ms, each one a stall for every socket of the process; after this, ~20 ms.
gc.freeze()
# The sockets' own objects still made a full pass take 70-90 ms, and one came every
# few seconds in a class of 500: with the default threshold (700), a young collection
# runs in the middle of nearly every broadcast and promotes the objects of frames in
# flight, which die soon after in the old generation. Collecting the young generation
# every 50,000 allocations leaves those to reference counting; in `make bench`, no
# full pass ran in the rate phase any more, for about 10 KiB more memory per client.
gc.set_threshold(50_000, 20, 10)
