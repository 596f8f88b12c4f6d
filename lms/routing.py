"""WebSocket routes of the site: each app with consumers adds its patterns here."""

from lms_live.routing import websocket_urlpatterns as live_patterns

websocket_urlpatterns: list = [*live_patterns]
